package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.ContainerFixture;
import dev.stackscope.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code stack} against the fixture host of containers and units ({@link ContainerFixture}): its
 * components labelled with their units, containers and network namespaces, in text, JSON, DOT and
 * Mermaid; golden files in src/test/resources/dev/stackscope/containerhost/golden/ (regenerate with
 * {@code -Dstackscope.updateGolden=true} and review the diff).
 */
class ContainerStackGoldenTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stack.txt     | 0 | stack --sample 0",
        "stack.json    | 0 | stack --sample 0 --json",
        "stack.dot     | 0 | stack --sample 0 --format dot",
        "stack.mermaid | 0 | stack --sample 0 --format mermaid",
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
