package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.Cli;
import java.util.List;
import org.jline.console.CmdDesc;
import org.jline.console.CmdLine;
import org.junit.jupiter.api.Test;

/** The tail tip: the synopsis of the command being typed and its parameters. */
class CommandDescriptionsTest {
  private final CommandDescriptions descriptions = new CommandDescriptions(Cli.model());

  private CmdDesc describe(String line, List<String> args) {
    return descriptions.apply(new CmdLine(line, line, "", args, CmdLine.DescriptionType.COMMAND));
  }

  @Test
  void synopsisAndParameterOfTheCommandBeingTyped() {
    CmdDesc d =
        describe("completion --color never ", List.of("completion", "--color", "never", ""));
    assertNotNull(d);
    String synopsis = d.getMainDesc().get(0).toString();
    assertTrue(synopsis.startsWith("stackscope completion"), synopsis);
    assertTrue(synopsis.contains("SHELL"), synopsis);
    assertEquals("", d.getArgsDesc().get(0).getName(), "the command word");
    assertEquals("SHELL", d.getArgsDesc().get(1).getName());
    assertTrue(d.getOptsDesc().containsKey("--color=WHEN"), d.getOptsDesc().keySet().toString());
  }

  @Test
  void nothingBeforeACommandIsKnown() {
    assertNull(describe("", List.of("")));
    assertNull(describe("nosuch ", List.of("nosuch", "")));
  }
}
