package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackscope.host.Host;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.FixtureHost;
import dev.stackscope.testing.Golden;
import dev.stackscope.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ports} across network namespaces against the fixture in
 * src/test/resources/dev/stackscope/netns/ (its README.md): a host namespace with a conmon and a
 * docker-proxy holding published ports, two other namespaces with servers, a NAT table and an
 * {@code ip netns} name; compared with golden files (regenerate with {@code
 * -Dstackscope.updateGolden=true}).
 */
class NetnsGoldenTest {
  private static final Path SOURCE =
      Path.of(System.getProperty("stackscope.repo", "."))
          .resolve("src/test/resources/dev/stackscope/netns");

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ports-all-netns.txt   | 0 | ports --all-netns",
        "ports-all-netns.json  | 0 | ports --all-netns --json",
        "ports-published.txt   | 0 | ports",
        "ports-published.json  | 0 | ports --json",
      })
  void matchesGoldenFile(String file, int exitCode, String commandLine) throws IOException {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "the fixture's USER column is its directories' owner: root's when run as root");
    Fixture r = run(commandLine.split(" "));
    Golden.assertMatches("dev/stackscope/netns/golden/" + file, r.shown());
    assertEquals(exitCode, r.result().exitCode(), r.result().toString());
  }

  /**
   * {@code ports --watch} frames carry the published ports as the one-shot {@code ports} does: each
   * JSON frame equals the one-shot JSON, and the text frame has its PUBLISHED column.
   */
  @Test
  void watchFramesCarryThePublishedPorts() throws IOException {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "the fixture's USER column is its directories' owner: root's when run as root");
    JsonNode once = run("ports", "--json").result().json();
    assertTrue(once.findValues("published").stream().anyMatch(JsonNode::isObject), "" + once);
    // JSON Lines: one frame a line (jsonDocuments would unwrap each frame's array)
    List<String> frames = run("--json", "ports", "--watch=0.1", "--count", "2").result().lines();
    assertEquals(2, frames.size(), "" + frames);
    for (String frame : frames) {
      assertEquals(once, new ObjectMapper().readTree(frame));
    }
    String oneShot = run("ports").shown();
    String frame = run("ports", "--watch=0.1", "--count", "1").shown();
    for (String line : oneShot.split("\n")) {
      if (line.contains("→")) {
        assertTrue(frame.contains(line.strip()), () -> line + "\nnot in\n" + frame);
      }
    }
    assertTrue(frame.contains("PUBLISHED"), frame);
  }

  /** A run on the fixture: its result and what it showed, the fixture's path made neutral. */
  private record Fixture(CliRunner.Result result, String shown) {}

  private static Fixture run(String... args) throws IOException {
    Path root = Files.createTempDirectory("stackscope-netns");
    try {
      materialise(SOURCE, root);
      Map<Long, String> names = new HashMap<>();
      for (String line : Files.readAllLines(SOURCE.resolve("netns.txt"))) {
        String[] f = line.trim().split("\\s+");
        names.put(Long.parseLong(f[0]), f[1]);
      }
      String nat = Files.readString(SOURCE.resolve("nat.txt"), StandardCharsets.UTF_8);
      Host host =
          Host.builder()
              .proc(root.resolve("proc"))
              .etc(FixtureHost.root().resolve("etc"))
              .netnsLabels((inode, pids) -> names.get(inode))
              .natRules(() -> nat)
              .nftRuleset(() -> null)
              .build();
      CliRunner.Result r =
          new CliRunner().host(host).invocation(FixtureHost.invocation()).run(args);
      String shown =
          (r.out() + (r.err().isEmpty() ? "" : "--- stderr\n" + r.err()))
              .replace(root.toString(), "<fixture>");
      return new Fixture(r, shown);
    } finally {
      TempDirs.deleteQuietly(root);
    }
  }

  /** The tree with {@code NAME.symlink} files made into links, {@code .keep} left out. */
  private static void materialise(Path from, Path to) {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.toString().contains("/golden")) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (name.endsWith(".symlink")) {
          Path link = target.resolveSibling(name.substring(0, name.length() - 8));
          Files.createSymbolicLink(link, Path.of(Files.readString(p, StandardCharsets.UTF_8)));
        } else if (!name.equals(".keep")) {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
