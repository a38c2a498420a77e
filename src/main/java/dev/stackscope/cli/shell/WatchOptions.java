package dev.stackscope.cli.shell;

import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.StackscopeCommand;
import dev.stackscope.host.Host;
import dev.stackscope.output.Output;
import dev.stackscope.shell.FrameSource;
import dev.stackscope.shell.Interval;
import dev.stackscope.shell.WatchLoop;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --watch[=INTERVAL]} and {@code --count N} for a command that can show a live view. Wiring:
 *
 * <pre>
 * &#64;Mixin WatchOptions watch;
 *
 * protected ExitCode execute(Output out) throws Exception {
 *   if (watch.enabled()) {
 *     return watch.run(out, o -&gt; Frame.of(table(scan())).keyedBy(0).json(scan()));
 *   }
 *   ...
 * }</pre>
 */
public final class WatchOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private Duration interval;
  private Integer count;

  @Option(
      names = "--watch",
      arity = "0..1",
      paramLabel = "INTERVAL",
      fallbackValue = "2s",
      description =
          "Live view, refreshed every INTERVAL (default 2s; 0.5, 500ms, 1m; at least 0.1s). Keys: q"
              + " quit, space pause, < > sort, r reverse, + - interval, / filter, Ctrl-L redraw."
              + " Not on a terminal: one frame per interval (one JSON document per line with"
              + " --json).")
  void watch(String value) {
    try {
      interval = Interval.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), "--watch: " + e.getMessage());
    }
  }

  @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N frames.")
  void count(int n) {
    if (n < 1) {
      throw new ParameterException(mixee.commandLine(), "--count must be at least 1, not " + n);
    }
    count = n;
  }

  /** Throws the usage error of a --count without --watch; for the command's validate(). */
  public void validate() {
    enabled();
  }

  public boolean enabled() {
    if (interval == null && count != null) {
      throw new ParameterException(mixee.commandLine(), "--count needs --watch");
    }
    return interval != null;
  }

  public Duration interval() {
    return interval;
  }

  public Integer count() {
    return count;
  }

  /** Runs the live view; OK, PARTIAL when a frame could not read everything, 130 on interrupt. */
  public ExitCode run(Output out, FrameSource frames) throws Exception {
    // a live view lives long: later frames read listeners cheaply
    Host host = ((StackscopeCommand) mixee.root().userObject()).host();
    host.tcpDiag().enableInBackground();
    // the header's time from the run's clock, as every other time shown (a fixture host's is fixed)
    WatchLoop.Result r =
        WatchLoop.run(out, frames, new WatchLoop.Settings(interval, count, title(), host.clock()));
    if (r.interrupted()) {
      return ExitCode.INTERRUPTED;
    }
    return r.partial() ? ExitCode.PARTIAL : ExitCode.OK;
  }

  /** The command line as typed, for the header: "stackscope ps --watch=1". */
  private String title() {
    StringBuilder sb = new StringBuilder("stackscope");
    var parsed = mixee.root().commandLine().getParseResult();
    if (parsed != null) {
      for (String a : parsed.originalArgs()) {
        sb.append(' ').append(a);
      }
    } else {
      sb.append(' ').append(mixee.qualifiedName(" "));
    }
    return sb.toString();
  }
}
