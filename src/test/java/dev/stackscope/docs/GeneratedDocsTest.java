package dev.stackscope.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stackscope.cli.Cli;
import dev.stackscope.cli.CompletionScripts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * completions/ and man/ are generated from the command model and committed; this test fails when
 * they are stale. Regenerate with:
 *
 * <pre>
 * mvn -q test -Dtest=GeneratedDocsTest -Dstackscope.updateDocs=true   # completions/, man/adoc/
 * mvn -q -Pdocs generate-resources                                     # man/*.1 from man/adoc/
 * </pre>
 */
class GeneratedDocsTest {
  private static final Path REPO = Path.of(System.getProperty("stackscope.repo", "."));
  private static final boolean UPDATE = Boolean.getBoolean("stackscope.updateDocs");

  @Test
  void completionScriptsAreCurrent() throws IOException {
    CommandLine model = Cli.model();
    check(
        REPO.resolve("completions/stackscope.bash"),
        CompletionScripts.generate(model, CompletionScripts.Shell.bash));
    check(
        REPO.resolve("completions/_stackscope"),
        CompletionScripts.generate(model, CompletionScripts.Shell.zsh));
  }

  @Test
  void manPageSourcesAreCurrentAndEveryCommandHasAPage() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    collect(Cli.model().getCommandSpec(), expected);
    Path adocDir = REPO.resolve("man/adoc");
    if (UPDATE) {
      Files.createDirectories(adocDir);
      try (Stream<Path> old = Files.list(adocDir)) {
        for (Path p : old.toList()) {
          if (!expected.containsKey(p.getFileName().toString())) {
            Files.delete(p);
          }
        }
      }
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      check(adocDir.resolve(e.getKey()), e.getValue());
    }
    try (Stream<Path> files = Files.list(adocDir)) {
      List<String> extra = new ArrayList<>();
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> !expected.containsKey(n))
          .forEach(extra::add);
      assertTrue(extra.isEmpty(), "man pages for commands that no longer exist: " + extra);
    }
  }

  @Test
  void renderedManPagesMatchTheirSources() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    CommandSpec root = Cli.model().getCommandSpec();
    collect(root, expected);
    List<String> problems = new ArrayList<>();
    checkRendered(root, problems);
    if (!problems.isEmpty()) {
      fail("man/*.1 are stale (run: mvn -q -Pdocs generate-resources): " + problems);
    }
  }

  private static void checkRendered(CommandSpec spec, List<String> problems) throws IOException {
    String name = pageName(spec);
    Path page = REPO.resolve("man").resolve(name + ".1");
    if (!Files.exists(page)) {
      problems.add(page + " missing");
    } else {
      String roff = Files.readString(page, StandardCharsets.UTF_8);
      for (OptionSpec o : spec.options()) {
        if (o.hidden()) {
          continue;
        }
        String escaped = o.longestName().replace("-", "\\-");
        if (!roff.contains(escaped) && !roff.contains(o.longestName())) {
          problems.add(page.getFileName() + " lacks option " + o.longestName());
        }
      }
      for (String sub : spec.subcommands().keySet()) {
        if (!roff.contains(sub)) {
          problems.add(page.getFileName() + " lacks subcommand " + sub);
        }
      }
    }
    for (CommandLine sub : spec.subcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        checkRendered(sub.getCommandSpec(), problems);
      }
    }
  }

  private static void collect(CommandSpec spec, Map<String, String> pages) {
    StringWriter w = new StringWriter();
    try (PrintWriter pw = new PrintWriter(w)) {
      ManPageGenerator.writeSingleManPage(pw, spec);
    }
    pages.put(pageName(spec) + ".adoc", w.toString());
    for (CommandLine sub : spec.subcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        collect(sub.getCommandSpec(), pages);
      }
    }
  }

  private static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  private static void check(Path file, String expected) throws IOException {
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(file), file + " is missing (regenerate: see GeneratedDocsTest)");
    assertEquals(
        expected,
        Files.readString(file, StandardCharsets.UTF_8),
        file + " is stale against the command model (regenerate: see GeneratedDocsTest)");
  }
}
