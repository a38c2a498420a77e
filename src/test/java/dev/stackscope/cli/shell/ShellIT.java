package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell and the live view on a real terminal: the packaged launcher in a private tmux server of
 * fixed size, driven by keys, asserting what a person would see in the pane.
 */
class ShellIT {
  private static final Path REPO =
      Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();
  private static final Path JAR = REPO.resolve("target/stackscope.jar");

  @TempDir Path home;
  private final String server =
      "stackscope-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  @BeforeEach
  void needTmuxAndTheJar() {
    Assumptions.assumeTrue(
        onPath("tmux"), "tmux absent: install Debian's tmux to run the terminal tests");
    Assumptions.assumeTrue(
        Files.isRegularFile(JAR), "target/stackscope.jar absent: run 'mvn package' first");
  }

  @AfterEach
  void killServer() throws Exception {
    if (onPath("tmux")) {
      tmux(false, "kill-server");
    }
  }

  @Test
  void completionOutputErrorsAndHistoryInTheShell() throws Exception {
    start("java -jar " + JAR + " shell; echo SHELL-EXITED-$?; sleep 60");
    waitFor("the prompt", p -> p.contains("stackscope>"));
    keys("comp", "Tab");
    waitFor("the command completed", p -> p.contains("stackscope> completion"));
    keys("z", "Tab", "Enter");
    waitFor("the zsh script", p -> p.contains("#compdef stackscope") || p.contains("complete -F"));
    keys("clear", "Enter");
    keys("help comp", "Tab", "Enter");
    waitFor(
        "the command's usage",
        p -> p.contains("Usage: stackscope completion") && p.contains("SHELL"));
    keys("nosuch", "Enter");
    waitFor("the error and the exit code", p -> p.contains("'nosuch'") && p.contains("exit 2"));
    keys("--version", "Enter");
    waitFor("the version", p -> p.contains("Java "));
    keys("C-d");
    String pane = waitFor("the shell to end", p -> p.contains("SHELL-EXITED-0"));
    assertFalse(pane.contains("\tat "), "no stack trace");
    List<String> history = Files.readAllLines(home.resolve(".stackscope_history"));
    assertTrue(history.stream().anyMatch(l -> l.endsWith(":completion zsh")), history.toString());
    assertTrue(history.stream().anyMatch(l -> l.endsWith(":help completion")), history.toString());
  }

  @Test
  void fileNamesWithTerminalEscapesAreCompletedHarmlessly(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("clip\u001b]52;c;ZWNobyBwd25lZA==\u0007"), "x");
    Files.writeString(dir.resolve("title\u001b]0;owned\u0007"), "x");
    Files.writeString(dir.resolve("evil\u202egnp.root"), "x");
    start("java -jar " + JAR + " shell; echo SHELL-EXITED-$?; sleep 60");
    waitFor("the prompt", p -> p.contains("stackscope>"));
    tmux(true, "set-option", "-s", "set-clipboard", "on"); // OSC 52 from the pane would land
    String title = tmux(true, "display-message", "-p", "-t", "0", "#{pane_title}").trim();
    keys("dns trace x --root-hints " + dir + "/", "Tab", "Tab");
    String pane =
        waitFor(
            "the file names, escaped",
            p ->
                p.contains("title\\x1b]0;owned\\x07")
                    && p.contains("clip\\x1b]52;c;")
                    && p.contains("evil\\u202egnp.root"));
    assertFalse(pane.contains("\u202e"), pane);
    assertEquals(
        title,
        tmux(true, "display-message", "-p", "-t", "0", "#{pane_title}").trim(),
        "the pane's title is unchanged");
    assertEquals("", tmux(true, "list-buffers").trim(), "nothing was written to the clipboard");
    keys("C-c", "C-c"); // the menu, then the line
    keys("exit", "Enter");
    waitFor("the shell to end", p -> p.contains("SHELL-EXITED-0"));
  }

  @Test
  void liveViewShowsChangesAndQRestoresTheScreen(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("alpha"), "1");
    Files.writeString(dir.resolve("beta"), "22");
    start("echo BEFORE-THE-VIEW; " + demo(dir.toString()) + "; echo VIEW-EXITED-$?; sleep 60");
    waitFor("the view", p -> p.contains("every 0.5s") && p.contains("alpha") && p.contains("beta"));
    assertFalse(pane().contains("BEFORE-THE-VIEW"), "on the alternate screen");
    Files.writeString(dir.resolve("gamma"), "333");
    waitFor(
        "the new file, highlighted in the header",
        p -> p.contains("gamma") && p.contains("+1 new"));
    Files.delete(dir.resolve("alpha"));
    waitFor("the gone file", p -> p.contains("-1 gone"));
    waitFor("the gone file shown once only", p -> !p.contains("alpha"));
    keys("<");
    waitFor("sorted by SIZE", p -> p.contains("SIZE ▼"));
    keys("r");
    waitFor("reversed", p -> p.contains("(reversed)") && p.indexOf("gamma") < p.indexOf("beta"));
    keys("/", "gam", "Enter");
    waitFor("filtered", p -> p.contains("filter: gam") && !p.contains("beta"));
    keys("q");
    String after = waitFor("the view to end", p -> p.contains("VIEW-EXITED-0"));
    assertTrue(after.contains("BEFORE-THE-VIEW"), "the screen before the view is back:\n" + after);
    assertFalse(after.contains("every 0.5s"), "nothing of the view is left:\n" + after);
  }

  @Test
  void portsWatchShowsAListenerOpenedAndClosedDuringTheView() throws Exception {
    long self = ProcessHandle.current().pid();
    start(
        "echo BEFORE-THE-VIEW; java -jar "
            + JAR
            + " ports -t --pid "
            + self
            + " --watch=0.5; echo VIEW-EXITED-$?; sleep 60");
    waitFor("the view", p -> p.contains("every 0.5s") && p.contains("PROTO"));
    String endpoint;
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      endpoint = "127.0.0.1:" + listener.getLocalPort() + " ";
      waitFor(
          "the new listener, highlighted in the header",
          p -> p.contains(endpoint) && p.contains("listening") && p.contains("+1 new"));
    }
    waitFor("the closed listener, gone", p -> p.contains("-1 gone"));
    waitFor("the gone listener shown once only", p -> !p.contains(endpoint));
    keys("q");
    String after = waitFor("the view to end", p -> p.contains("VIEW-EXITED-0"));
    assertTrue(after.contains("BEFORE-THE-VIEW"), "the screen before the view is back:\n" + after);
    assertFalse(after.contains("every 0.5s"), "nothing of the view is left:\n" + after);
  }

  @Test
  void liveViewInsideTheShellAndCtrlCReturnsToThePrompt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("one"), "1");
    start(demo("--shell") + "; echo SHELL-EXITED-$?; sleep 60");
    waitFor("the prompt", p -> p.contains("stackscope>"));
    keys("--version", "Enter");
    waitFor("the version", p -> p.contains("Java "));
    keys("files " + dir, "Enter");
    waitFor("the view", p -> p.contains("every 0.5s") && p.contains("one"));
    Files.writeString(dir.resolve("two"), "2");
    waitFor("the new file", p -> p.contains("two") && p.contains("+1 new"));
    keys("C-c");
    String back =
        waitFor("the prompt again", p -> p.contains("Java ") && p.trim().endsWith("stackscope>"));
    assertFalse(back.contains("every 0.5s"), back);
    keys("pause", "Enter");
    Thread.sleep(500);
    keys("C-c");
    waitFor("the long command stopped, not the shell", p -> p.contains("exit 130"));
    keys("--version", "Enter");
    waitFor("the shell still runs commands", p -> p.split("Java ", -1).length == 3);
    keys("exit", "Enter");
    waitFor("the shell to end", p -> p.contains("SHELL-EXITED-0"));
  }

  private String demo(String arg) {
    return "java -cp "
        + JAR
        + ":"
        + REPO.resolve("target/test-classes")
        + " dev.stackscope.shell.WatchDemo "
        + arg;
  }

  /**
   * Runs {@code command} under sh in a new tmux server; sh survives Ctrl-C (its children do not
   * inherit that).
   */
  private void start(String command) throws Exception {
    tmux(
        true,
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-e",
        "HOME=" + home,
        "-e",
        "LANG=C.UTF-8",
        "sh",
        "-c",
        "trap : INT; " + command);
  }

  private void keys(String... keys) throws Exception {
    for (String k : keys) {
      boolean named = k.equals("Tab") || k.equals("Enter") || k.startsWith("C-");
      List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
      if (!named) {
        args.add("-l");
        args.add("--");
      }
      args.add(k);
      tmux(true, args.toArray(String[]::new));
      Thread.sleep(150);
    }
  }

  private String pane() throws Exception {
    return tmux(true, "capture-pane", "-p", "-t", "0");
  }

  private String waitFor(String what, Predicate<String> shown) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String p = "";
    while (System.nanoTime() < end) {
      p = pane();
      if (shown.test(p)) {
        return p;
      }
      Thread.sleep(100);
    }
    fail("waited for " + what + "; the pane shows:\n" + p);
    return p;
  }

  private String tmux(boolean check, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (check && p.exitValue() != 0) {
      throw new IOException("tmux " + String.join(" ", args) + ": " + out);
    }
    return out;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
