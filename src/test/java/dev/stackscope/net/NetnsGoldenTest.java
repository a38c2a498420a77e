package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.host.Host;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.FixtureHost;
import dev.stackscope.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
          new CliRunner()
              .host(host)
              .invocation(FixtureHost.invocation())
              .run(commandLine.split(" "));
      String shown =
          (r.out() + (r.err().isEmpty() ? "" : "--- stderr\n" + r.err()))
              .replace(root.toString(), "<fixture>");
      Golden.assertMatches("dev/stackscope/netns/golden/" + file, shown);
      assertEquals(exitCode, r.exitCode(), r.toString());
    } finally {
      try (var files = Files.walk(root)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
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
