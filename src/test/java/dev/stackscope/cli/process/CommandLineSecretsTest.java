package dev.stackscope.cli.process;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets on a real process's command line are masked in {@code ps}, {@code tree -a} and {@code
 * proc}, text and JSON, unless {@code --reveal}.
 */
class CommandLineSecretsTest {
  private static final String PASSWORD = "hunter2pw";
  private static final String TOKEN = "tok3nvalue";
  private static final String URL_PW = "s3cretUrlPw";
  private static final String GH = "ghp_" + "Ab1".repeat(12);
  private static final List<String> SECRETS = List.of(PASSWORD, TOKEN, URL_PW, GH);

  private static Spawned process;
  private static String pid;

  @BeforeAll
  static void start() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isReadable(Path.of("/proc/self/cmdline")), "needs Linux /proc");
    // sh -c SCRIPT NAME ARGS...: the arguments stay on sh's command line; '; :' keeps sh from
    // exec'ing sleep in its place.
    process =
        Spawned.start(
            new ProcessBuilder(
                    "sh",
                    "-c",
                    "sleep 1004; :",
                    "secretapp",
                    "--password=" + PASSWORD,
                    "--token",
                    TOKEN,
                    "postgres://app:" + URL_PW + "@db/app",
                    GH,
                    "--user",
                    "visibleuser")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
    pid = String.valueOf(process.pid());
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null) {
      process.close();
    }
  }

  private static void assertMasked(Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    for (String s : SECRETS) {
      assertFalse(r.out().contains(s), () -> s + " shown:\n" + r);
    }
    assertTrue(r.out().contains("visibleuser"), r::toString);
    assertTrue(r.out().contains("--password=•••"), r::toString);
  }

  private static void assertRevealed(Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    for (String s : SECRETS) {
      assertTrue(r.out().contains(s), () -> s + " not shown with --reveal:\n" + r);
    }
  }

  private static final List<String> MASKED_ARGV =
      List.of(
          "sh",
          "-c",
          "sleep 1004; :",
          "secretapp",
          "--password=•••",
          "--token",
          "•••",
          "postgres://app:•••@db/app",
          "ghp_•••",
          "--user",
          "visibleuser");

  @Test
  void proc() {
    assertMasked(stackscope("proc", pid));
    assertRevealed(stackscope("proc", "--reveal", pid));
    Map<String, Object> json = JsonValue.object(stackscope("proc", "--json", pid).out());
    assertEquals(MASKED_ARGV, json.get("command"));
    Map<String, Object> revealed =
        JsonValue.object(stackscope("proc", "--json", "--reveal", pid).out());
    assertEquals(
        "--password=" + PASSWORD, ((List<?>) revealed.get("command")).get(4), revealed::toString);
  }

  @Test
  void ps() {
    assertMasked(stackscope("ps", "--interval", "0", "--width", "0", "--match", "secretapp"));
    assertRevealed(
        stackscope("ps", "--interval", "0", "--width", "0", "--reveal", "--match", "secretapp"));
    Object json =
        JsonValue.parse(
            stackscope("ps", "--interval", "0", "--json", "--match", "secretapp").out());
    Map<?, ?> row =
        ((List<?>) json)
            .stream()
                .map(Map.class::cast)
                .filter(m -> String.valueOf(m.get("pid")).equals(pid))
                .findFirst()
                .orElseThrow();
    assertEquals(MASKED_ARGV, row.get("command"));
  }

  @Test
  void treeWithArguments() {
    assertMasked(stackscope("tree", "-a", "--width", "0", pid));
    assertRevealed(stackscope("tree", "-a", "--width", "0", "--reveal", pid));
    // tree's JSON is always an array of trees; a PID gives one
    List<?> trees = (List<?>) JsonValue.parse(stackscope("tree", "--json", pid).out());
    assertEquals(1, trees.size(), trees::toString);
    assertEquals(MASKED_ARGV, ((Map<?, ?>) trees.get(0)).get("command"));
  }

  /** --match looks at what is shown: a pattern cannot find out a masked secret. */
  @Test
  void matchingSeesTheMaskedCommandLineUnlessReveal() {
    for (String command : List.of("ps", "tree")) {
      Result probe = withPids(command, "--match", "--password=" + PASSWORD);
      assertEquals(1, probe.exitCode(), probe::toString);
      assertFalse(probe.out().contains(pid), probe::toString);
      Result guess = withPids(command, "--match", "--token " + TOKEN.charAt(0));
      assertFalse(guess.out().contains(pid), "a prefix of the secret matches nothing: " + guess);
      Result shown = withPids(command, "--match", "--token ••• postgres://app:•••@db");
      assertTrue(shown.out().contains(pid), "the masked text matches: " + shown);
      Result revealed = withPids(command, "--reveal", "--match", "--password=" + PASSWORD);
      assertEquals(0, revealed.exitCode(), revealed::toString);
      assertTrue(revealed.out().contains(pid), revealed::toString);
    }
  }

  /** {@code ps ARGS}, or {@code tree -p ARGS} (PIDs shown). */
  private static Result withPids(String command, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(command));
    if (command.equals("tree")) {
      all.add("-p");
    }
    all.addAll(List.of(args));
    return stackscope(all.toArray(String[]::new));
  }
}
