package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.cli.Invocation;
import dev.stackscope.cli.MapFormatOptions;
import dev.stackscope.testing.CliRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCommandTest {
  @Test
  void badFormatIsAUsageError() {
    for (String[] args :
        new String[][] {{"stack", "--format", "xml"}, {"fleet", "--format", "xml", "a.json"}}) {
      CliRunner.Result r = CliRunner.stackscope(args);
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(
          r.err().contains("--format must be text, json, dot or mermaid, not 'xml'"), r.err());
    }
  }

  @Test
  void badSampleIsAUsageError() {
    CliRunner.Result r = CliRunner.stackscope("stack", "--sample", "soon");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--sample needs a duration"), r.err());
  }

  /** A served run's working directory is its caller's, not the server's. */
  @Test
  void aRelativeSvgIsWrittenInTheCallersDirectory(@TempDir Path caller) throws Exception {
    assumeTrue(MapFormatOptions.findDot() != null, "Graphviz's dot is not installed (graphviz)");
    CliRunner.Result r =
        new CliRunner()
            .invocation(
                new Invocation(
                    caller, ProcessHandle.current().pid(), InputStream.nullInputStream()))
            .run("stack", "--svg", "map.svg", "--format", "json");
    assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.toString());
    assertTrue(Files.readString(caller.resolve("map.svg")).contains("<svg"), "drawn in " + caller);
  }
}
