package dev.stackscope.cli;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    Result r = stackscope("completion", "bash", "--no-such-option");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().startsWith("stackscope: Unknown option: '--no-such-option'"), r.toString());
    assertTrue(r.err().contains("stackscope completion --help"), r.toString());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
  }

  @Test
  void missingArgumentIsAUsageError() {
    Result r = stackscope("completion");
    assertEquals(2, r.exitCode());
    assertEquals(
        "stackscope: Missing required parameter: 'SHELL' (see 'stackscope completion --help')\n",
        r.err());
  }

  @Test
  void invalidEnumValueNamesTheAcceptedValues() {
    Result r = stackscope("completion", "fish");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("bash, zsh"), r.toString());
  }

  @Test
  void debugShowsTheStackTrace() {
    Result r = stackscope("--debug", "completion", "bash", "--no-such-option");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("\tat picocli.CommandLine"), r.toString());
  }

  @Test
  void noSubcommandPrintsUsageAndExits2() {
    Result r = stackscope();
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Usage: stackscope"), r.toString());
  }

  @Test
  void versionAndHelpSucceed() {
    Result v = stackscope("--version");
    assertEquals(0, v.exitCode());
    assertTrue(v.out().matches("(?s)stackscope \\d+\\.\\d+\\.\\d+.*"), v.out());
    Result h = stackscope("--help");
    assertEquals(0, h.exitCode());
    assertTrue(h.out().contains("completion"), h.out());
    assertTrue(h.out().contains("130"), "exit codes documented in --help");
  }

  @Test
  void globalOptionsAreAcceptedBeforeOrAfterTheSubcommand() {
    Result before = stackscope("--color=never", "completion", "bash");
    Result after = stackscope("completion", "bash", "--color=never");
    assertEquals(0, before.exitCode(), before.toString());
    assertEquals(before.out(), after.out());
  }

  @Test
  void negativeWidthIsAUsageError() {
    Result r = stackscope("--width=-5", "completion", "bash");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("stackscope: --width must be 0 (unlimited)"), r.err());
  }
}
