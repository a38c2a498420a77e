package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.StackscopeCommand;
import dev.stackscope.output.Output;
import dev.stackscope.output.Table;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.shell.Frame;
import dev.stackscope.testing.CliRunner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The --watch mixin wired into a command the way the real commands wire it. */
class WatchOptionsTest {
  @Command(name = "ticks")
  static final class Ticks extends BaseCommand {
    @Mixin WatchOptions watch;
    int n;

    @Override
    protected ExitCode execute(Output out) throws Exception {
      if (watch.enabled()) {
        return watch.run(out, o -> Frame.of(table()).keyedBy(0).json(Map.of("tick", n)));
      }
      out.table(table());
      return ExitCode.OK;
    }

    private Table table() {
      n++;
      return Table.of(Table.Column.number("TICK")).row(n);
    }
  }

  private static CliRunner.Result run(String... args) {
    return new CliRunner().subcommand("ticks", new Ticks()).run(args);
  }

  @Test
  void withoutWatchTheCommandRunsOnce() {
    CliRunner.Result r = run("ticks");
    assertEquals("TICK\n   1\n", r.out());
    assertEquals(0, r.exitCode());
  }

  @Test
  void watchPrintsFramesUntilCount() {
    CliRunner.Result r = run("ticks", "--watch=0.1", "--count", "2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Every 0.1s: stackscope ticks --watch=0.1 --count 2  "), r.out());
    assertTrue(r.out().endsWith("TICK\n   2\n"), r.out());
    CliRunner.Result json = run("--json", "ticks", "--watch=100ms", "--count=2");
    assertEquals("{\"tick\":1}\n{\"tick\":2}\n", json.out());
  }

  @Test
  void defaultIntervalIsTwoSeconds() {
    CommandLine cl =
        new CommandLine(new StackscopeCommand(null, null, TerminalInfo.pipe(Map.of())));
    Ticks t = new Ticks();
    cl.addSubcommand("ticks", t);
    cl.parseArgs("ticks", "--watch");
    assertEquals(Duration.ofSeconds(2), t.watch.interval());
  }

  @Test
  void badValuesAreUsageErrors() {
    CliRunner.Result fast = run("ticks", "--watch=0.05");
    assertEquals(2, fast.exitCode());
    assertEquals(
        "stackscope: --watch: interval '0.05' is below the minimum of 0.1s (see 'stackscope ticks"
            + " --help')\n",
        fast.err());
    CliRunner.Result zero = run("ticks", "--watch", "--count=0");
    assertEquals(2, zero.exitCode());
    assertTrue(zero.err().startsWith("stackscope: --count must be at least 1, not 0"), zero.err());
    CliRunner.Result alone = run("ticks", "--count=3");
    assertEquals(2, alone.exitCode());
    assertTrue(alone.err().startsWith("stackscope: --count needs --watch"), alone.err());
  }
}
