package dev.stackscope.cli;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.TerminalInfo;
import dev.stackscope.testing.CliRunner.Result;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A run builds the model of the subcommand it runs only; help and completion see them all. */
class LazyRegistrationTest {
  private static CommandLine create(String... args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    return Cli.create(sink, sink, TerminalInfo.pipe(Map.of()), args);
  }

  @Test
  void registryNamesAreTheCommandsOwnNames() {
    for (Map.Entry<String, Class<?>> e : StackscopeCommand.SUBCOMMANDS) {
      assertEquals(
          e.getKey(), e.getValue().getAnnotation(Command.class).name(), e.getValue().getName());
    }
  }

  @Test
  void aSubcommandRunBuildsOnlyItsOwnModel() {
    assertEquals(
        java.util.Set.of("ip"),
        create("--json", "--width", "40", "ip", "10.0.0.1").getSubcommands().keySet());
    assertEquals(
        java.util.Set.of("url"),
        create("--color", "never", "url", "http://x").getSubcommands().keySet());
  }

  @Test
  void helpCompletionShellAndUnknownNamesSeeEveryCommand() {
    int all = StackscopeCommand.SUBCOMMANDS.size();
    assertEquals(all, create("--help").getSubcommands().size());
    assertEquals(all, create().getSubcommands().size());
    assertEquals(all, create("completion", "bash").getSubcommands().size());
    assertEquals(all, create("shell").getSubcommands().size());
    assertEquals(all, create("tre").getSubcommands().size());
    assertEquals(all, create("--", "tree").getSubcommands().size());
    assertNull(
        Cli.subcommandName(new String[] {"--width", "tree"}), "'tree' is --width's value here");
  }

  @Test
  void unknownSubcommandIsStillAUsageErrorWithSuggestions() {
    Result r = stackscope("tre");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("tre"), r.err());
  }

  @Test
  void helpListsEveryCommand() {
    Result r = stackscope("--help");
    for (Map.Entry<String, Class<?>> e : StackscopeCommand.SUBCOMMANDS) {
      assertTrue(r.out().contains("  " + e.getKey() + " "), e.getKey() + " in --help");
    }
  }
}
