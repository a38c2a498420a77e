package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' role rules through {@code stack}: real processes named {@code ledgerd} and {@code
 * billing-api} (copies of sleep) that no built-in rule knows, one named by a rule in
 * $XDG_CONFIG_HOME, one by --rules FILE; the order between them and the built-in rules; a malformed
 * rule; --explain-rules.
 */
class StackRulesTest {
  @TempDir static Path dir;
  static Process ledgerd;
  static Process billing;
  static Process memcached;
  static Path xdg;

  @BeforeAll
  static void start() throws IOException {
    Path sleep = Path.of("/bin/sleep");
    for (String name : new String[] {"ledgerd", "billing-api", "memcached"}) {
      Files.copy(sleep, dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    ledgerd = new ProcessBuilder(dir.resolve("ledgerd").toString(), "300").start();
    billing = new ProcessBuilder(dir.resolve("billing-api").toString(), "300").start();
    // named like a built-in program (memcached: cache), re-classed by a user's rule
    memcached = new ProcessBuilder(dir.resolve("memcached").toString(), "300").start();
    xdg = Files.createDirectories(dir.resolve("config"));
    Files.createDirectories(xdg.resolve("stackscope"));
    Files.writeString(
        xdg.resolve("stackscope/roles.rules"),
        "# ours\nname app ledgerd ledgerd\nname database ledger-store billing-api\nname queue memq memcached\n");
  }

  @AfterAll
  static void stop() {
    for (Process p : new Process[] {ledgerd, billing, memcached}) {
      if (p != null) {
        p.destroy();
      }
    }
  }

  static CliRunner runner() {
    return new CliRunner().env("XDG_CONFIG_HOME", xdg.toString()).env("HOME", dir.toString());
  }

  static JsonNode componentOf(JsonNode map, long pid) {
    for (JsonNode c : map.get("components")) {
      for (JsonNode p : c.get("pids")) {
        if (p.asLong() == pid) {
          return c;
        }
      }
    }
    throw new AssertionError("no component holds " + pid + ": " + map.get("components"));
  }

  @Test
  void aRuleInXdgConfigHomeNamesAProgramAndSaysWhere() {
    CliRunner.Result r = runner().run("stack", "--json");
    assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.toString());
    JsonNode c = componentOf(CliRunner.parseJson(r.out()), ledgerd.pid());
    assertEquals("app", c.get("role").asText());
    assertEquals("ledgerd", c.get("program").asText());
    assertEquals(xdg.resolve("stackscope/roles.rules") + ":2", c.get("ruleSource").asText());
    String text = runner().run("stack").out();
    assertTrue(
        text.contains(
            "[argv0 ledgerd, high, rule " + xdg.resolve("stackscope/roles.rules") + ":2]"),
        text);
  }

  @Test
  void aRulesFileOnTheCommandLineIsTriedBeforeTheUsersFile() throws IOException {
    Path mine = Files.writeString(dir.resolve("mine.rules"), "name worker billing billing-api\n");
    JsonNode map =
        CliRunner.parseJson(runner().run("stack", "--json", "--rules", mine.toString()).out());
    JsonNode c = componentOf(map, billing.pid());
    assertEquals("worker", c.get("role").asText());
    assertEquals(mine + ":1", c.get("ruleSource").asText());
    // without it, the user's file names it
    JsonNode without =
        componentOf(CliRunner.parseJson(runner().run("stack", "--json").out()), billing.pid());
    assertEquals("ledger-store", without.get("program").asText());
  }

  @Test
  void usersRulesAreTriedBeforeTheBuiltInOnes() {
    JsonNode mine =
        componentOf(CliRunner.parseJson(runner().run("stack", "--json").out()), memcached.pid());
    assertEquals("queue", mine.get("role").asText());
    assertEquals("memq", mine.get("program").asText());
    // with no user file, the built-in name rule: a cache
    JsonNode builtIn =
        componentOf(
            CliRunner.parseJson(
                new CliRunner()
                    .env("HOME", dir.resolve("nowhere").toString())
                    .run("stack", "--json")
                    .out()),
            memcached.pid());
    assertEquals("cache", builtIn.get("role").asText());
    assertTrue(builtIn.get("ruleSource").isNull());
  }

  @Test
  void aMalformedRuleIsAUsageErrorNamingFileAndLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.rules"), "name app ok ok\n\nname nowhere x y\n");
    CliRunner.Result r = runner().run("stack", "--rules", bad.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("stackscope: " + bad + ":3: unknown role 'nowhere'"), r.err());
    r = runner().run("stack", "--rules", dir.resolve("absent.rules").toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--rules: no such file: " + dir.resolve("absent.rules")), r.err());
  }

  @Test
  void anUnreadableUsersFileIsANote() throws IOException {
    Path other =
        Files.createDirectories(
            dir.resolve("other/stackscope/roles.rules")); // a directory: cannot be read
    CliRunner.Result r =
        new CliRunner()
            .env("XDG_CONFIG_HOME", dir.resolve("other").toString())
            .run("stack", "--json");
    assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.toString());
    assertTrue(r.err().contains("role rules in " + other + " not used: cannot read it"), r.err());
  }

  @Test
  void explainRulesListsEveryRuleTriedUpToTheMatch() {
    CliRunner.Result r = runner().run("stack", "--explain-rules", "" + ledgerd.pid(), "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode d = CliRunner.parseJson(r.out());
    assertEquals(ledgerd.pid(), d.get("pid").asLong());
    JsonNode trials = d.get("trials");
    JsonNode last = trials.get(trials.size() - 1);
    assertTrue(last.get("matched").asBoolean());
    assertEquals(xdg.resolve("stackscope/roles.rules") + ":2", last.get("rule").asText());
    assertEquals("argv0", last.get("input").asText());
    assertEquals("ledgerd", last.get("value").asText());
    for (int i = 0; i < trials.size() - 1; i++) {
      assertTrue(!trials.get(i).get("matched").asBoolean(), trials.get(i).toString());
    }
    assertEquals("app", d.get("result").get("role").asText());
    // a process no rule names: every built-in rule it was tried against, none matched
    CliRunner.Result none =
        new CliRunner()
            .env("HOME", dir.resolve("nowhere").toString())
            .run("stack", "--explain-rules", "" + ledgerd.pid(), "--json");
    JsonNode n = CliRunner.parseJson(none.out());
    assertTrue(n.get("result").isNull(), n.toString());
    assertTrue(
        n.get("trials").size() > 50,
        "name rules against argv0, comm and exe: " + n.get("trials").size());
    String text = runner().run("stack", "--explain-rules", "" + ledgerd.pid()).out();
    assertTrue(
        text.contains(
            "→ app ledgerd  [argv0 ledgerd, high, rule "
                + xdg.resolve("stackscope/roles.rules")
                + ":2]"),
        text);
  }

  @Test
  void explainRulesNeedsAProcess() {
    CliRunner.Result r = runner().run("stack", "--explain-rules", "x1");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--explain-rules needs a PID, not 'x1'"), r.err());
    r = runner().run("stack", "--explain-rules", "" + Integer.MAX_VALUE);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no process " + Integer.MAX_VALUE), r.err());
  }
}
