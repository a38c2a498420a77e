package dev.stackscope.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.Cli;
import dev.stackscope.output.Sanitizer;
import dev.stackscope.shell.FileNameCandidates;
import dev.stackscope.shell.PidCandidates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The shell's completer on partial lines, without a terminal. */
class CommandCompleterTest {
  private final CommandCompleter completer =
      new CommandCompleter(Cli.model(), ShellCommand.HIDDEN_INSIDE, LIVE_PIDS, HERE);

  private static final PidCandidates LIVE_PIDS = new PidCandidates(Path.of("/proc"));

  /** File names relative to this JVM's directory and home. */
  static final FileNameCandidates HERE =
      new FileNameCandidates(
          Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));

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
    CommandCompleter c = new CommandCompleter(root, Set.of(), new PidCandidates(proc), HERE);

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
        LIVE_PIDS.list().stream().anyMatch(p -> p.pid() == self && !p.name().isEmpty()),
        "this JVM's PID with its name");
  }

  private static final String CLIPBOARD = "\u001b]52;c;ZWNobyBwd25lZA==\u0007";
  private static final String TITLE = "\u001b]0;owned\u0007";

  /** True when {@code s} holds a character that must not reach a terminal. */
  private static boolean unsafe(String s) {
    return s != null && s.codePoints().anyMatch(Sanitizer::isUnsafe);
  }

  @Test
  void fileNamesWithTerminalEscapesAreOfferedSanitised(@TempDir Path dir) throws IOException {
    Path hints = Files.createDirectory(dir.resolve("hints"));
    Files.writeString(hints.resolve("clip" + CLIPBOARD), "x");
    Files.writeString(hints.resolve("title" + TITLE), "x");
    Files.writeString(hints.resolve("evil\u202egnp.root"), "x");
    Files.createDirectory(hints.resolve("sub\u001b[31m"));
    Files.writeString(hints.resolve("named.root"), "x");
    String line = "dns trace x --root-hints " + hints + "/";
    List<Candidate> found;
    // A real line reader on a dumb terminal, as the shell has (the completer needs none).
    try (Terminal t =
        TerminalBuilder.builder()
            .dumb(true)
            .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
            .build()) {
      LineReader reader = LineReaderBuilder.builder().terminal(t).build();
      found = new ArrayList<>();
      completer.complete(reader, new DefaultParser().parse(line, line.length()), found);
    }
    assertEquals(5, found.size(), found.toString());
    for (Candidate c : found) {
      assertFalse(unsafe(c.value()) || unsafe(c.displ()) || unsafe(c.descr()), c.toString());
    }
    List<String> shown = found.stream().map(Candidate::displ).sorted().toList();
    assertEquals(
        List.of(
            "clip\\x1b]52;c;ZWNobyBwd25lZA==\\x07",
            "evil\\u202egnp.root",
            "named.root",
            "sub\\x1b[31m/",
            "title\\x1b]0;owned\\x07"),
        shown);
    assertTrue(
        found.stream().anyMatch(c -> c.value().equals(hints + "/named.root") && c.complete()),
        found.toString());
    Candidate sub =
        found.stream().filter(c -> c.displ().startsWith("sub")).findFirst().orElseThrow();
    assertEquals(hints + "/sub\\x1b[31m/", sub.value());
    assertFalse(sub.complete(), "completion goes on inside a directory");
    // with --opt=: the prefix stays, the files are the same
    String eq = "dns trace x --root-hints=" + hints + "/n";
    assertEquals(
        List.of("--root-hints=" + hints + "/named.root"),
        complete(completer, eq).stream()
            .map(Candidate::value)
            .filter(v -> v.endsWith("named.root"))
            .toList());
  }

  @Test
  void hiddenFilesOnlyAfterADotAndHomeForTilde(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".hidden"), "x");
    Files.writeString(dir.resolve("shown"), "x");
    FileNameCandidates files = new FileNameCandidates(dir, dir);
    assertEquals(
        List.of("shown"), files.list("").stream().map(FileNameCandidates.FileName::value).toList());
    assertTrue(files.list(".").stream().anyMatch(f -> f.value().equals(".hidden")), "after a dot");
    assertEquals(
        List.of("~/shown"),
        files.list("~/").stream().map(FileNameCandidates.FileName::value).toList());
    assertTrue(files.list("/nonexistent-dir-for-the-test/").isEmpty());
  }

  @Test
  void everyCandidateAndDescriptionIsSanitised() {
    Candidate raw =
        new Candidate("a\u001b]0;t\u0007", "b\u202e", "g", "d\u009b2J", null, null, true);
    Candidate safe = CommandCompleter.safe(raw);
    assertEquals("a\\x1b]0;t\\x07", safe.value());
    assertEquals("b\\u202e", safe.displ());
    assertEquals("d\\u009b2J", safe.descr());
    Candidate clean = new Candidate("ps", "ps", "commands", "Processes", null, null, true);
    assertTrue(clean == CommandCompleter.safe(clean), "clean candidates are kept as they are");
  }
}
