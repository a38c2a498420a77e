package dev.stackscope.shell;

import dev.stackscope.Main;
import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.TerminalInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A test-only program for the tmux tests: a live view of a directory's files (rows keyed by name),
 * standalone ({@code WatchDemo DIR}) or inside a shell whose extra line {@code files DIR} opens it
 * ({@code WatchDemo --shell}).
 */
public final class WatchDemo {
  private WatchDemo() {}

  static FrameSource files(Path dir) {
    return out -> {
      Table t = Table.of(Column.text("NAME"), Column.number("SIZE"));
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          t.row(p.getFileName().toString(), Files.size(p));
        }
      }
      return Frame.of(t).keyedBy(0);
    };
  }

  static int watch(Path dir, PrintWriter out, PrintWriter err, TerminalInfo terminal) {
    RenderSettings rs =
        new RenderSettings(
            terminal.interactive(),
            terminal.width(),
            true,
            terminal.colorByDefault(),
            false,
            false);
    try {
      WatchLoop.Result r =
          WatchLoop.run(
              new Output(out, err, rs),
              files(dir),
              new WatchLoop.Settings(
                  Duration.ofMillis(500),
                  null,
                  "files " + dir,
                  java.time.Clock.systemDefaultZone()));
      return r.interrupted() ? 130 : 0;
    } catch (Exception e) {
      err.println("stackscope: " + e);
      return 1;
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    if (args[0].equals("--shell")) {
      LineRunner runner =
          (words, out, err, terminal) -> {
            if (words.get(0).equals("files")) {
              return watch(Path.of(words.get(1)), out, err, terminal);
            }
            if (words.get(0).equals("pause")) { // a long command, stopped by Ctrl-C
              try {
                Thread.sleep(60_000);
                return 0;
              } catch (InterruptedException e) {
                err.println("stackscope: interrupted");
                return 130;
              }
            }
            return Main.run(words.toArray(String[]::new), out, err, terminal);
          };
      try (Terminal t = TerminalBuilder.builder().system(true).build()) {
        Repl.Config config = new Repl.Config((r, l, c) -> {}, null, null, env, false);
        System.exit(new Repl(t, runner, config).run());
      }
    }
    PrintWriter out = new PrintWriter(System.out, true);
    System.exit(
        watch(
            Path.of(args[0]), out, new PrintWriter(System.err, true), new TerminalInfo(true, env)));
  }
}
