package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner;
import org.junit.jupiter.api.Test;

class StackCommandTest {
  @Test
  void badFormatIsAUsageError() {
    CliRunner.Result r = CliRunner.stackscope("stack", "--format", "xml");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--format must be text, json, dot or mermaid, not 'xml'"), r.err());
  }

  @Test
  void badSampleIsAUsageError() {
    CliRunner.Result r = CliRunner.stackscope("stack", "--sample", "soon");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--sample needs a duration"), r.err());
  }
}
