package dev.stackscope.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.cli.Invocation;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.FixtureHost;
import dev.stackscope.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fleet} and {@code diff} over the snapshots in src/test/resources/dev/stackscope/fleet/:
 * three hosts (h1 haproxy → h2 nginx + gunicorn → h3 postgres + redis) before and after redis
 * stopped and postgres moved to 0.0.0.0; every host also has 172.17.0.1 (a container bridge).
 */
class FleetCommandTest {
  static final Path REPO = Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();
  static final String BEFORE = "src/test/resources/dev/stackscope/fleet/before";
  static final String AFTER = "src/test/resources/dev/stackscope/fleet/after";

  static Result run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  static Result run(InputStream stdin, String... args) {
    return new CliRunner()
        .host(FixtureHost.host())
        .invocation(new Invocation(REPO, FixtureHost.CALLER_PID, stdin))
        .run(args);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fleet.txt      | 0 | fleet " + BEFORE,
        "fleet.json     | 0 | fleet --json " + BEFORE,
        "fleet.dot      | 0 | fleet --format dot " + BEFORE,
        "fleet.mermaid  | 0 | fleet --format mermaid " + BEFORE,
        "diff.txt       | 1 | diff " + BEFORE + " " + AFTER,
        "diff.json      | 1 | diff --json " + BEFORE + " " + AFTER,
      })
  void matchesGoldenFile(String file, int exitCode, String commandLine) {
    Result r = run(commandLine.split(" "));
    Golden.assertMatches("dev/stackscope/fleet/golden/" + file, r.out());
    assertEquals(exitCode, r.exitCode(), r.toString());
  }

  @Test
  void joinsEachHostsRemoteConnectionsToTheListenerOfTheHostOwningTheAddress() {
    Result r = run("fleet", "--json", BEFORE);
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode map = r.json();
    Map<String, JsonNode> edges = new HashMap<>();
    for (JsonNode e : map.get("edges")) {
      edges.put(e.get("from").asText() + " -> " + e.get("to").asText(), e);
    }
    assertEquals(4, edges.size(), edges.keySet().toString());
    // haproxy connects to 10.231.0.12:80, where nginx listens on 0.0.0.0
    assertTrue(edges.get("haproxy@h1 -> nginx@h2").get("crossHost").asBoolean());
    assertEquals(2, edges.get("haproxy@h1 -> nginx@h2").get("count").asInt());
    assertTrue(edges.get("gunicorn@h2 -> postgres@h3").get("crossHost").asBoolean());
    assertTrue(edges.get("gunicorn@h2 -> redis@h3").get("crossHost").asBoolean());
    assertFalse(edges.get("nginx@h2 -> gunicorn@h2").get("crossHost").asBoolean());
    Map<String, String> hostOf = new HashMap<>();
    for (JsonNode c : map.get("components")) {
      hostOf.put(c.get("key").asText(), c.get("host").asText());
    }
    assertEquals(
        Map.of(
            "haproxy@h1", "h1",
            "nginx@h2", "h2",
            "gunicorn@h2", "h2",
            "postgres@h3", "h3",
            "redis@h3", "h3"),
        hostOf);
    // 172.17.0.1 is every host's: it names none; the joined inbound sides are not external
    Map<String, JsonNode> external = new HashMap<>();
    for (JsonNode x : map.get("external")) {
      external.put(x.get("direction").asText() + " " + x.get("address").asText(), x);
    }
    assertEquals(
        java.util.Set.of("out 172.17.0.1", "out 203.0.113.50", "in 10.231.0.99", "in 198.51.100.7"),
        external.keySet());
    assertEquals("postgres@h3", external.get("in 10.231.0.99").get("components").get(0).asText());
  }

  @Test
  void readsASnapshotFromStandardInput() throws Exception {
    byte[] h1 = Files.readAllBytes(REPO.resolve(BEFORE).resolve("h1.json"));
    Result r =
        run(
            new ByteArrayInputStream(h1),
            "fleet",
            "--json",
            "-",
            BEFORE + "/h2.json",
            BEFORE + "/h3.json");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(3, r.json().get("hosts").size());
    assertEquals("-", r.json().get("hosts").get(0).get("source").asText());
  }

  @Test
  void aSnapshotOfAMachineAlreadyReadIsAUsageErrorNamingTheFile(@TempDir Path dir)
      throws Exception {
    Files.copy(REPO.resolve(BEFORE).resolve("h1.json"), dir.resolve("a.json"));
    Files.copy(REPO.resolve(BEFORE).resolve("h1.json"), dir.resolve("b.json"));
    Result r = run("fleet", dir.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains(dir + "/b.json: the same machine as " + dir + "/a.json"), r.err());
    assertEquals("", r.out());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"foo\": 1}                                  | not a stackscope snapshot (no schemaVersion)",
        "{\"components\": []}                          | from a stackscope before snapshots?",
        "{\"schemaVersion\": 2}                        | schema version 2 (this stackscope reads version 1)",
        "[1, 2]                                         | not a stackscope snapshot (not a JSON object)",
        "{\"schemaVersion\": 1, \"host\": {\"machineId\": \"x\", \"addresses\": []}, \"components\": [], \"edges\": [], \"external\": [{\"component\": \"nginx\", \"direction\": \"out\", \"address\": \"10.0.0.1\", \"port\": 80, \"count\": 1}]} | external[0].component 'nginx' names no component",
        "{\"schemaVersion\": 1,                         | not a stackscope snapshot (not JSON",
      })
  void aFileThatIsNoSnapshotOfThisVersionIsAUsageErrorNamingIt(
      String content, String message, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Result r = run("fleet", BEFORE + "/h1.json", file.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains(file + ": ") && r.err().contains(message), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void missingFilesAndEmptyDirectoriesAreUsageErrors(@TempDir Path dir) {
    Result missing = run("fleet", dir.resolve("nope.json").toString());
    assertEquals(2, missing.exitCode(), missing.toString());
    assertTrue(
        missing.err().contains("nope.json") && missing.err().contains("no such file"),
        missing.err());
    Result empty = run("fleet", dir.toString());
    assertEquals(2, empty.exitCode(), empty.toString());
    assertTrue(empty.err().contains(dir + ": no *.json snapshots"), empty.err());
    Result json = run("diff", "--json", dir.toString(), BEFORE);
    assertEquals(2, json.exitCode(), json.toString());
    assertEquals(2, json.json().get("error").get("exitCode").asInt());
  }

  @Test
  void diffOfTheSameSnapshotsIsNoChangeAndExitsZero() {
    Result r = run("diff", "--json", BEFORE, BEFORE + "/../before");
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(r.json().get("changed").asBoolean());
    Result text = run("diff", AFTER + "/h3.json", AFTER + "/h3.json");
    assertEquals(0, text.exitCode(), text.toString());
    assertEquals("No changes.\n", text.out());
  }

  @Test
  void diffReportsExactlyWhatChanged() {
    JsonNode d = run("diff", "--json", BEFORE, AFTER).json();
    assertTrue(d.get("changed").asBoolean());
    assertEquals("[\"redis@h3\"]", d.get("componentsGone").toString());
    assertEquals(0, d.get("componentsNew").size());
    assertEquals(0, d.get("listenersNew").size());
    assertEquals(0, d.get("listenersGone").size());
    assertEquals(0, d.get("edgesNew").size());
    assertEquals(1, d.get("scopeChanges").size());
    JsonNode s = d.get("scopeChanges").get(0);
    assertEquals("postgres@h3", s.get("component").asText());
    assertEquals(5432, s.get("port").asInt());
    assertEquals("private network", s.get("before").asText());
    assertEquals("all interfaces", s.get("after").asText());
    assertEquals(1, d.get("edgesGone").size());
    assertEquals("gunicorn@h2", d.get("edgesGone").get(0).get("from").asText());
    assertEquals("redis@h3", d.get("edgesGone").get(0).get("to").asText());
  }

  @Test
  void writesAnHtmlPageAndAnSvg(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("fleet.html");
    Result r = run("fleet", "--html", html.toString(), BEFORE);
    assertEquals(0, r.exitCode(), r.toString());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>"), page);
    assertFalse(page.contains("http://") && page.contains("src=\"http"), "no external resource");
    assertTrue(page.contains("\"key\":\"haproxy@h1\""), "the map's data is in the page");
    assumeTrue(
        dev.stackscope.cli.MapFormatOptions.findDot() != null,
        "Graphviz's dot is not installed (Debian: graphviz)");
    Path svg = dir.resolve("fleet.svg");
    Result s = run("fleet", "--svg", svg.toString(), BEFORE);
    assertEquals(0, s.exitCode(), s.toString());
    String drawn = Files.readString(svg);
    assertTrue(drawn.contains("<svg"), drawn);
    assertTrue(drawn.contains("cluster_0") && drawn.contains("cluster_2"), "one cluster per host");
    assertTrue(drawn.contains("haproxy@h1") && drawn.contains("redis@h3"), drawn);
  }

  @Test
  void namesFromSnapshotsCannotBreakOutOfThePagesScript(@TempDir Path dir) throws Exception {
    String h1 = Files.readString(REPO.resolve(BEFORE).resolve("h1.json"));
    Path evil = dir.resolve("evil.json");
    Files.writeString(evil, h1.replace("\"name\": \"h1\"", "\"name\": \"</script><b>x\""));
    Path html = dir.resolve("p.html");
    Result r = run("fleet", "--html", html.toString(), evil.toString());
    assertEquals(0, r.exitCode(), r.toString());
    String page = Files.readString(html);
    assertEquals(1, page.split("</script>", -1).length - 1, "only the page's own </script>");
    assertFalse(page.contains("<b>x"), page);
  }
}
