package dev.stackscope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.ContainerFixture;
import dev.stackscope.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ps, tree and proc against the fixture host of containers and units ({@link ContainerFixture}),
 * compared with golden files in src/test/resources/dev/stackscope/containerhost/golden/ (regenerate
 * with {@code -Dstackscope.updateGolden=true} and review the diff). Stderr follows a {@code ---
 * stderr} line.
 */
class ContainerHostGoldenTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ps.txt                 | 0 | ps --interval 0",
        "ps.json                | 0 | ps --interval 0 --json",
        "ps-container-name.txt  | 0 | ps --interval 0 --container web",
        "ps-container-id.txt    | 0 | ps --interval 0 --container b2b2b2",
        "ps-unit.txt            | 0 | ps --interval 0 --unit nginx",
        "ps-unit-scope.txt      | 0 | ps --interval 0 --unit session-3.scope --containers",
        "ps-container-none.txt  | 1 | ps --interval 0 --container nosuch",
        "tree.txt               | 0 | tree",
        "tree-pids.txt          | 0 | tree -p -a",
        "tree-container.txt     | 0 | tree --container api -p",
        "tree-container.json    | 0 | tree --container web --json",
        "tree-container-none.txt| 1 | tree --container nosuch",
        "tree-container-pid.txt | 2 | tree 1 --container web",
        "proc-docker.txt        | 0 | proc 32",
        "proc-docker.json       | 0 | proc 32 --json",
        "proc-podman.txt        | 0 | proc 41",
        "proc-crio.txt          | 0 | proc 61",
        "proc-crio.json         | 0 | proc 61 --json",
        "proc-containerd.txt    | 0 | proc 51",
        "proc-lxc.txt           | 0 | proc 70",
        "proc-nspawn.txt        | 0 | proc 80",
        "proc-unit.txt          | 0 | proc 10",
        "proc-session.json      | 0 | proc 21 --json",
      })
  void matchesGoldenFile(String file, int exitCode, String commandLine) {
    Result r = ContainerFixture.runner().run(commandLine.split(" "));
    String fixture = ContainerFixture.root().toString();
    String shown =
        (r.out() + (r.err().isEmpty() ? "" : "--- stderr\n" + r.err()))
            .replace(fixture, "<fixture>");
    Golden.assertMatches("dev/stackscope/containerhost/golden/" + file, shown);
    assertEquals(exitCode, r.exitCode(), r.toString());
  }
}
