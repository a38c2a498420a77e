package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.Cli;
import dev.stackscope.shell.PidCandidates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The shell's completer on partial lines, without a terminal. */
class CommandCompleterTest {
  private final CommandCompleter completer =
      new CommandCompleter(Cli.model(), ShellCommand.HIDDEN_INSIDE, PidCandidates.system());

  private static List<Candidate> complete(CommandCompleter c, String line) {
    ParsedLine parsed = new DefaultParser().parse(line, line.length());
    List<Candidate> out = new ArrayList<>();
    c.complete(null, parsed, out);
    return out;
  }

  private List<String> values(String line) {
    return complete(completer, line).stream().map(Candidate::value).collect(Collectors.toList());
  }

  @Test
  void firstWordOffersCommandsAndBuiltinsButNotTheShellItself() {
    List<String> v = values("");
    assertTrue(v.contains("completion"), v.toString());
    assertTrue(v.containsAll(List.of("help", "exit", "history", "clear")), v.toString());
    assertFalse(v.contains("shell"), v.toString());
  }

  @Test
  void positionalEnumCompletesToItsValues() {
    assertEquals(List.of("bash", "zsh"), values("completion "));
    assertEquals(
        List.of("bash", "zsh"), values("completion b"), "JLine filters by prefix, we offer all");
  }

  @Test
  void optionValueAfterEqualsSign() {
    assertEquals(
        List.of("--color=auto", "--color=always", "--color=never"), values("completion --color="));
    assertEquals(List.of("--color=auto", "--color=always", "--color=never"), values("--color="));
  }

  @Test
  void optionValueAsTheNextWord() {
    assertEquals(List.of("auto", "always", "never"), values("completion --color "));
    // the value was given: back to the positional parameter
    assertEquals(List.of("bash", "zsh"), values("completion --color never "));
  }

  @Test
  void optionNamesWithDescriptions() {
    List<Candidate> c = complete(completer, "completion --");
    List<String> names = c.stream().map(Candidate::value).toList();
    assertTrue(
        names.containsAll(List.of("--json", "--color", "--width", "--reveal", "--help")),
        names.toString());
    Candidate json = c.stream().filter(x -> x.value().equals("--json")).findFirst().orElseThrow();
    assertEquals("Print one JSON document on stdout instead of text.", json.descr());
  }

  @Test
  void afterDoubleDashOnlyPositionals() {
    assertEquals(List.of("bash", "zsh"), values("completion -- "));
    assertEquals(List.of("bash", "zsh"), values("completion -- --"), "no option names after --");
  }

  @Test
  void helpCompletesCommandNames() {
    List<String> v = values("help ");
    assertTrue(v.contains("completion"), v.toString());
    assertFalse(v.contains("help"), v.toString());
    assertTrue(values("help completion ").isEmpty());
  }

  @Test
  void parametersLabelledPidCompleteToLiveProcessesWithNames(@TempDir Path proc)
      throws IOException {
    Files.createDirectories(proc.resolve("42"));
    Files.writeString(proc.resolve("42/comm"), "nginx\n");
    Files.createDirectories(proc.resolve("7"));
    Files.writeString(proc.resolve("7/comm"), "evil\u001b]0;x\u0007\n");
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("99")); // no comm: exited mid-scan
    CommandSpec kill =
        CommandSpec.create()
            .name("kill")
            .addOption(OptionSpec.builder("--parent").paramLabel("PID").type(long.class).build())
            .addPositional(
                PositionalParamSpec.builder().paramLabel("<pid>").type(long.class).build());
    CommandLine root =
        new CommandLine(CommandSpec.create().name("root").addSubcommand("kill", kill));
    CommandCompleter c = new CommandCompleter(root, Set.of(), new PidCandidates(proc));

    List<Candidate> positional = complete(c, "kill ");
    assertEquals(List.of("7", "42"), positional.stream().map(Candidate::value).toList());
    assertEquals("nginx", positional.get(1).descr());
    assertEquals("evil\\x1b]0;x\\x07", positional.get(0).descr(), "names are sanitised");
    assertEquals(
        List.of("--parent=7", "--parent=42"),
        complete(c, "kill --parent=").stream().map(Candidate::value).toList());
    assertEquals(
        List.of("7", "42"), complete(c, "kill --parent ").stream().map(Candidate::value).toList());
  }

  @Test
  void liveProcessesIncludeThisJvm() {
    long self = ProcessHandle.current().pid();
    assertTrue(
        PidCandidates.system().list().stream()
            .anyMatch(p -> p.pid() == self && !p.name().isEmpty()),
        "this JVM's PID with its name");
  }
}
