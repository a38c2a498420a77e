package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.Cli;
import dev.stackscope.host.Host;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.shell.PidCandidates;
import dev.stackscope.shell.Repl;
import dev.stackscope.shell.ScriptShell;
import dev.stackscope.testing.CliRunner;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell with piped input and on a dumb terminal, running the real command tree. */
class ShellTest {
  private static final Map<String, String> ENV = Map.of("LANG", "C.UTF-8", "TERM", "dumb");

  private static CliRunner.Result script(String input, boolean time) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new ScriptShell(ShellCommand.runner(Cli.model(), Host.live()), time)
            .run(
                new BufferedReader(new StringReader(input)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                TerminalInfo.pipe(ENV));
    return new CliRunner.Result(code, out.toString(), err.toString());
  }

  @Test
  void pipedLinesRunInTurnWithTheSameOutputAsSeparateRuns() throws Exception {
    CliRunner.Result r =
        script("completion bash\n\n# a comment\n--version\ncompletion zsh\n", false);
    String bash = CliRunner.stackscope("completion", "bash").out();
    String version = CliRunner.stackscope("--version").out();
    String zsh = CliRunner.stackscope("completion", "zsh").out();
    assertEquals(bash + version + zsh, r.out(), "no prompt, no decoration");
    assertEquals("", r.err());
    assertEquals(0, r.exitCode());
  }

  @Test
  void badLinesReportTheirErrorAndTheShellGoesOn() throws Exception {
    CliRunner.Result r = script("completion fish\n--version\nnosuch 'a b'\n", false);
    assertTrue(
        r.err().contains("stackscope: Invalid value for positional parameter at index 0 (SHELL)"),
        r.err());
    assertTrue(r.err().contains("'nosuch'"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertTrue(r.out().startsWith("stackscope "), r.out());
    assertEquals(2, r.exitCode(), "the last line's exit code, like sh");
  }

  @Test
  void exitEndsTheScriptWithItsCode() throws Exception {
    CliRunner.Result r = script("--version\nexit 3\ncompletion bash\n", false);
    assertEquals(3, r.exitCode());
    assertFalse(r.out().contains("complete"), "nothing after exit runs");
  }

  @Test
  void exitTakesOnlyACodeFrom0To255AndABadOneIsReportedAndTheShellGoesOn() throws Exception {
    CliRunner.Result r =
        script("exit 256\nexit abc\nexit 1 2\nexit -1\n--version\nexit 255\n", false);
    assertEquals(255, r.exitCode());
    assertTrue(r.out().startsWith("stackscope "), "the shell went on: " + r.out());
    assertEquals(
        List.of(
            "stackscope: line 1: exit: the exit code must be a number 0-255, not '256'",
            "stackscope: line 2: exit: the exit code must be a number 0-255, not 'abc'",
            "stackscope: line 3: exit: too many arguments (usage: exit [N])",
            "stackscope: line 4: exit: the exit code must be a number 0-255, not '-1'"),
        r.err().lines().toList());
    assertEquals(0, script("exit 0\n", false).exitCode());
    assertEquals(2, script("quit x\n", false).exitCode(), "a bad exit is a usage error (2)");
  }

  @Test
  void unclosedQuoteIsAUsageErrorForThatLine() throws Exception {
    CliRunner.Result r = script("help 'completion\n--version\n", false);
    assertTrue(r.err().startsWith("stackscope: line 1: "), r.err());
    assertEquals(0, r.exitCode());
  }

  @Test
  void helpListsCommandsAndShowsACommandsUsage() throws Exception {
    CliRunner.Result r = script("help\nhelp completion\nhelp nosuch\n", false);
    assertTrue(r.out().contains("completion  "), r.out());
    assertTrue(r.out().contains("exit [N]"), r.out());
    assertFalse(
        r.out().lines().anyMatch(l -> l.startsWith("shell ")), "the shell is not offered inside");
    assertTrue(r.out().contains(CliRunner.stackscope("completion", "--help").out()), r.out());
    assertEquals("stackscope: no command 'nosuch' (type 'help' for the list)\n", r.err());
    assertEquals(2, r.exitCode());
  }

  @Test
  void noShellInsideTheShell() throws Exception {
    CliRunner.Result r = script("shell\n", false);
    assertEquals("stackscope: already in the shell\n", r.err());
    assertEquals(2, r.exitCode());
  }

  @Test
  void timeReportsEachLinesWallOnStderr() throws Exception {
    CliRunner.Result r = script("--version\ncompletion bash\n", true);
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).matches("stackscope: time \\d+\\.\\d ms: --version"), lines.get(0));
    assertTrue(
        lines.get(1).matches("stackscope: time \\d+\\.\\d ms: completion bash"), lines.get(1));
  }

  @Test
  void aBadExitAtThePromptIsReportedAndTheShellGoesOn(@TempDir Path home) throws Exception {
    Repl.Config config =
        new Repl.Config(
            new CommandCompleter(
                Cli.model(),
                ShellCommand.HIDDEN_INSIDE,
                new PidCandidates(Path.of("/proc")),
                CommandCompleterTest.HERE),
            new CommandDescriptions(Cli.model()),
            home.resolve(".stackscope_history"),
            ENV,
            false);
    Typed t = type("exit 256\n--version\nexit 7\n", config);
    assertTrue(
        t.screen().contains("stackscope: exit: the exit code must be a number 0-255, not '256'"),
        t.screen());
    assertTrue(t.screen().contains("exit 2"), t.screen());
    assertTrue(t.screen().contains("Java "), "the shell went on: " + t.screen());
    assertEquals(7, t.code());
  }

  @Test
  void historyIsPrivateAndHoldsNoSecrets(@TempDir Path home) throws Exception {
    Path fresh = home.resolve("fresh/.stackscope_history");
    Path old = home.resolve("old_history");
    Files.writeString(old, "1700000000000:--version\n");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
    String typed =
        "nosuch 'https://user:hunter2pw@127.0.0.1:1/' --password=pw2secret --token tok3nvalue\n"
            + "exit\n";
    for (Path history : List.of(fresh, old)) {
      Repl.Config config =
          new Repl.Config(
              new CommandCompleter(
                  Cli.model(),
                  ShellCommand.HIDDEN_INSIDE,
                  new PidCandidates(Path.of("/proc")),
                  CommandCompleterTest.HERE),
              new CommandDescriptions(Cli.model()),
              history,
              ENV,
              false);
      type(typed, config);
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(history)),
          history.toString());
      String kept = Files.readString(history);
      assertTrue(
          kept.contains("nosuch 'https://user:•••@127.0.0.1:1/' --password=••• --token •••"), kept);
      for (String secret : List.of("hunter2pw", "pw2secret", "tok3nvalue")) {
        assertFalse(kept.contains(secret), kept);
      }
    }
    assertTrue(Files.readString(old).contains(":--version"), "earlier lines are kept");
  }

  record Typed(int code, String screen) {}

  /** Types {@code typed} into the shell on a dumb terminal; the screen and the exit code. */
  private static Typed type(String typed, Repl.Config config) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    PipedInputStream keyboard = new PipedInputStream(1 << 16);
    PipedOutputStream typing = new PipedOutputStream(keyboard);
    typing.write(typed.getBytes(StandardCharsets.UTF_8));
    typing.flush();
    int code;
    try (typing;
        Terminal t = new DumbTerminal("test", "dumb", keyboard, screen, StandardCharsets.UTF_8)) {
      code = new Repl(t, ShellCommand.runner(Cli.model(), Host.live()), config).run();
    }
    return new Typed(code, screen.toString(StandardCharsets.UTF_8));
  }

  @Test
  void dumbTerminalRunsLinesShowsFailuresAndKeepsHistory(@TempDir Path home) throws Exception {
    Path history = home.resolve(".stackscope_history");
    String typed =
        "--version\n completion bash\nhelp completion\nhelp completion\nnosuch\nexit\n--version\n";
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    // A pipe kept open until the shell has left: input that ends at once is lost by the terminal.
    PipedInputStream keyboard = new PipedInputStream(1 << 16);
    PipedOutputStream typing = new PipedOutputStream(keyboard);
    typing.write(typed.getBytes(StandardCharsets.UTF_8));
    typing.flush();
    int code;
    // A DumbTerminal itself (no pty with pump threads, which may lag behind and drop output).
    try (typing;
        Terminal t = new DumbTerminal("test", "dumb", keyboard, screen, StandardCharsets.UTF_8)) {
      Repl.Config config =
          new Repl.Config(
              new CommandCompleter(
                  Cli.model(),
                  ShellCommand.HIDDEN_INSIDE,
                  new PidCandidates(Path.of("/proc")),
                  CommandCompleterTest.HERE),
              new CommandDescriptions(Cli.model()),
              history,
              ENV,
              false);
      code = new Repl(t, ShellCommand.runner(Cli.model(), Host.live()), config).run();
    }
    String shown = screen.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("stackscope> "), "a prompt on a terminal");
    assertTrue(shown.contains("stackscope 0") || shown.contains("stackscope unknown"), shown);
    assertTrue(shown.contains("Usage: stackscope completion"), shown);
    assertTrue(shown.contains("'nosuch'"), shown);
    assertTrue(shown.contains("exit 2"), "a failing line's exit code is shown");
    assertFalse(shown.contains("exit 0"), "success is not decorated");
    assertFalse(shown.contains("\tat "), "no stack trace");
    assertEquals(2, code, "exit without a code leaves with the last line's");
    assertEquals(
        1,
        shown.lines().filter(l -> l.startsWith("Java ")).count(),
        "--version ran once: the line after exit did not run");
    List<String> kept =
        Files.readAllLines(history).stream().map(l -> l.replaceFirst("^\\d+:", "")).toList();
    assertEquals(
        List.of("--version", "help completion", "nosuch", "exit"),
        kept,
        "duplicates and lines starting with a space are not kept");
  }
}
