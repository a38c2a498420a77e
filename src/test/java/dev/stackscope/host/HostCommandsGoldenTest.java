package dev.stackscope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.FixtureHost;
import dev.stackscope.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every host command, text and JSON, against the fixture host ({@link FixtureHost}: a /proc tree,
 * /etc, /sys, interfaces, a fixed clock in UTC), compared with golden files in
 * src/test/resources/dev/stackscope/host/golden/: a change in output, or a renamed JSON field, is a
 * reviewed diff. After an intended change, regenerate them with {@code mvn test
 * -Dtest=HostCommandsGoldenTest -Dstackscope.updateGolden=true} and review {@code git diff}.
 *
 * <p>A golden file holds standard output, then standard error after a {@code --- stderr} line when
 * there is any; the fixture's absolute path is written as {@code <fixture>}.
 */
class HostCommandsGoldenTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ps.txt                | 0 | ps --interval 0",
        "ps.json               | 0 | ps --interval 0 --json",
        "ps-top.txt            | 0 | ps --interval 0 --top 3",
        "ps-user.txt           | 0 | ps --interval 0 --user alice --sort start",
        "ps-match.txt          | 1 | ps --interval 0 --match nomatch",
        "tree.txt              | 0 | tree",
        "tree-ascii-pids.txt   | 0 | tree --ascii -p -u",
        "tree-arguments.txt    | 0 | tree -a -n",
        "tree-threads.txt      | 0 | tree -t -p 400",
        "tree-user.txt         | 0 | tree alice -p",
        "tree-match.txt        | 0 | tree --match postgres -p -s -H 301",
        "tree-ports.txt        | 0 | tree --ports -p",
        "tree.json             | 0 | tree --json --ports 200",
        "tree-missing.txt      | 1 | tree 999",
        "proc-java.txt         | 0 | proc 400",
        "proc-java-env.txt     | 0 | proc 400 --env",
        "proc-java.json        | 0 | proc 400 --json",
        "proc-java-reveal.json | 0 | proc 400 --json --env --reveal",
        "proc-kthread.txt      | 0 | proc 2",
        "proc-zombie.json      | 0 | proc 502 --json",
        "proc-shell.txt        | 0 | proc 500",
        "proc-missing.txt      | 1 | proc 999",
        "signal.txt            | 0 | signal 500 TERM",
        "signal.json           | 0 | signal 501 CONT --json",
        "signal-test.txt       | 0 | signal 400 0",
        "signal-refused.txt    | 1 | signal 1 HUP",
        "signal-missing.txt    | 1 | signal 999 KILL",
        "ports.txt             | 0 | ports",
        "ports.json            | 0 | ports --json",
        "ports-all.txt         | 0 | ports -a",
        "ports-all.json        | 0 | ports -a --json",
        "ports-pid.txt         | 0 | ports -a --pid 201",
        "ports-udp6.txt        | 0 | ports -u -6",
        "ports-process.txt     | 0 | ports --process ^postgres$ -a",
        "ifaces.txt            | 0 | ifaces",
        "ifaces.json           | 0 | ifaces --json",
        "nat.txt               | 0 | nat",
        "nat.json              | 0 | nat --json",
        "stack.txt             | 0 | stack",
        "stack.json            | 0 | stack --json",
        "stack.dot             | 0 | stack --format dot",
        "stack.mermaid         | 0 | stack --format mermaid",
        "explain-local.txt     | 0 | explain http://db.internal:5432/",
        "explain-local.json    | 0 | explain --json http://db.internal:5432/",
        "explain-public.txt    | 0 | explain https://web1.example.internal/",
        "explain-away.txt      | 0 | explain 192.0.2.10:443",
        "explain-away.json     | 0 | explain --json [2001:db8:99::1]:8443",
      })
  void matchesGoldenFile(String file, int exitCode, String commandLine) {
    if (file.startsWith("ports")) {
      assumeTrue(
          FixtureHost.processDirectoriesOwned(),
          "ports names a socket's user from its process directory's owner: the fixture's need"
              + " chown (root)");
    }
    Result r = FixtureHost.runner().run(commandLine.split(" "));
    String fixture = FixtureHost.root().toString();
    String shown =
        (r.out() + (r.err().isEmpty() ? "" : "--- stderr\n" + r.err()))
            .replace(fixture, "<fixture>");
    Golden.assertMatches("dev/stackscope/host/golden/" + file, shown);
    assertEquals(exitCode, r.exitCode(), r.toString());
  }
}
