package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class GlobalOptionsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "--json --reveal --width=40 --color=always completion bash",
        "completion bash --json --reveal --width=40 --color=always",
        "--json --width=40 completion --reveal bash --color=always"
      })
  void sameMeaningBeforeOrAfterTheSubcommand(String line) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    CommandLine cl = Cli.create(sink, sink, TerminalInfo.pipe(Map.of()), new String[0]);
    cl.parseArgs(line.split(" "));
    GlobalOptions g = ((StackscopeCommand) cl.getCommand()).global();
    assertTrue(g.json(), "--json");
    assertTrue(g.reveal(), "--reveal");
    assertEquals(40, g.width());
    assertEquals(GlobalOptions.ColorMode.always, g.color());
  }
}
