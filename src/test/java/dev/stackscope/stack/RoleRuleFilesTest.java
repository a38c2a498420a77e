package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.stack.RoleRuleFiles.Loaded;
import dev.stackscope.stack.RoleRuleFiles.RuleFileException;
import dev.stackscope.stack.RoleRules.Rule;
import dev.stackscope.stack.note.Note;
import dev.stackscope.testing.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' rules files: parsing (golden), one-line errors naming FILE:LINE, limits, the order tried,
 * provenance.
 */
class RoleRuleFilesTest {
  @TempDir Path dir;

  static String resource(String name) throws IOException {
    try (InputStream in = RoleRuleFilesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One line a rule: where it was written, what it matches, what it names. */
  static String dump(RoleRules rules) {
    StringBuilder b = new StringBuilder();
    for (Rule r : rules.all()) {
      b.append(r.origin())
          .append(" ")
          .append(r.kindName())
          .append(" role=")
          .append(r.role() == null ? "-" : r.role().id())
          .append(" program=")
          .append(r.program() == null ? "-" : r.program())
          .append(" pattern=")
          .append(r.pattern())
          .append(
              r.literals() != null
                  ? " literals=" + r.literals()
                  : r.regex() != null ? " regex" : "")
          .append("\n");
    }
    return b.toString();
  }

  @Test
  void aUsersFileParsesAsTheGoldenFileSays() throws IOException {
    RoleRules rules = RoleRules.parse(resource("rules/user.rules"), "user.rules");
    Golden.assertMatches("dev/stackscope/stack/rules/user.rules.golden.txt", dump(rules));
  }

  @Test
  void aMalformedRuleIsOneLineNamingFileAndLine() {
    Map<String, String> bad =
        new java.util.LinkedHashMap<>(
            Map.of(
                "# c\n\nname nowhere x y\n", "f.rules:3: unknown role 'nowhere'",
                "names app x y\n", "f.rules:1: unknown kind 'names'",
                "name app x\n", "f.rules:1: expected KIND ROLE PROGRAM PATTERN",
                "name - x y\n", "f.rules:1: a name rule needs a role",
                "port queue x 70000\n",
                    "f.rules:1: a port rule's pattern is a port 1-65535, not '70000'",
                "port queue x http\n",
                    "f.rules:1: a port rule's pattern is a port 1-65535, not 'http'",
                "broker - - -\n", "f.rules:1: a broker rule names its program",
                "\n\ntitle web x ([\n", "f.rules:3: bad pattern: Unclosed character class"));
    bad.put(
        "name app x " + "a".repeat(RoleRules.MAX_LINE) + "\n",
        "f.rules:1: line longer than 1000 characters");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      IllegalArgumentException x =
          assertThrows(
              IllegalArgumentException.class, () -> RoleRules.parse(e.getKey(), "f.rules"));
      assertEquals(e.getValue(), x.getMessage());
      assertTrue(!x.getMessage().contains("\n"), x.getMessage());
    }
  }

  @Test
  void filesAreTriedMostSpecificFirstThenTheBuiltInRules() throws IOException {
    Path system = write("system.rules", "name app from-system shared\n");
    Path user = write("user.rules", "name app from-user shared\n");
    Path named1 = write("one.rules", "# first\nname app from-one shared\n");
    Path named2 = write("two.rules", "name app from-two shared\n");
    Loaded l = RoleRuleFiles.load(system, user, List.of(named1, named2));
    assertEquals(List.of(), l.notes());
    assertEquals(5, l.sets().size());
    List<String> first = new ArrayList<>();
    for (RoleRules s : l.sets().subList(0, 4)) {
      first.add(s.all().get(0).program());
    }
    assertEquals(List.of("from-one", "from-two", "from-user", "from-system"), first);
    assertNull(l.sets().get(4).all().get(0).file(), "the built-in rules come last");
    Classification c =
        new RoleClassifier(l.sets()).classify(process("shared"), Set.of()).orElseThrow();
    assertEquals("from-one", c.program());
    assertEquals(named1 + ":2", c.source());
  }

  @Test
  void absentDefaultFilesAreSilentUnreadableOnesANote() throws IOException {
    Path missing = dir.resolve("nothing/roles.rules");
    Loaded l = RoleRuleFiles.load(missing, missing, List.of());
    assertEquals(List.of(), l.notes());
    assertEquals(1, l.sets().size());
    Path directory = Files.createDirectories(dir.resolve("a-directory"));
    l = RoleRuleFiles.load(missing, directory, List.of());
    assertEquals(1, l.notes().size(), l.notes().toString());
    Note n = l.notes().get(0);
    assertEquals(Note.Kind.RULES_UNREADABLE, n.kind(), n.toString());
    assertEquals(directory.toString(), n.path());
    assertNotNull(n.reason());
  }

  @Test
  void aNamedFileMustBeReadableSmallAndUtf8() throws IOException {
    RuleFileException e =
        assertThrows(
            RuleFileException.class,
            () -> RoleRuleFiles.load(dir.resolve("x"), null, List.of(dir.resolve("none.rules"))));
    assertEquals("--rules: no such file: " + dir.resolve("none.rules"), e.getMessage());
    Path big = write("big.rules", "#".repeat(RoleRules.MAX_BYTES) + "\n");
    e =
        assertThrows(
            RuleFileException.class,
            () -> RoleRuleFiles.load(dir.resolve("x"), null, List.of(big)));
    assertEquals(big + ": larger than 1048576 bytes", e.getMessage());
    Path latin1 = dir.resolve("latin1.rules");
    Files.write(latin1, new byte[] {'#', (byte) 0xe9, '\n'});
    e =
        assertThrows(
            RuleFileException.class,
            () -> RoleRuleFiles.load(dir.resolve("x"), null, List.of(latin1)));
    assertEquals(latin1 + ": not UTF-8 text", e.getMessage());
    // a malformed default file is an error too: its author wants to know
    Path bad = write("bad.rules", "name app ok ok\nname app\n");
    e =
        assertThrows(
            RuleFileException.class, () -> RoleRuleFiles.load(dir.resolve("x"), bad, List.of()));
    assertEquals(bad + ":2: expected KIND ROLE PROGRAM PATTERN", e.getMessage());
  }

  @Test
  void theUserFileIsUnderXdgConfigHomeElseHome() {
    assertEquals(
        Path.of("/cfg/stackscope/roles.rules"),
        RoleRuleFiles.userFile(Map.of("XDG_CONFIG_HOME", "/cfg", "HOME", "/h")));
    assertEquals(
        Path.of("/h/.config/stackscope/roles.rules"),
        RoleRuleFiles.userFile(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/h")));
    assertNull(RoleRuleFiles.userFile(Map.of()));
  }

  @Test
  void aUserRuleBeatsEveryBuiltInKind() {
    // the built-in title rule would name this redis a cache; the user's name rule is tried first
    RoleRules user = RoleRules.parse("name database kvstore redis-server\n", "mine.rules");
    RoleClassifier c = new RoleClassifier(List.of(user, RoleRules.builtIn()));
    Classification why =
        c.classify(process("/usr/bin/redis-server 127.0.0.1:6379"), Set.of(6379)).orElseThrow();
    assertEquals(Role.DATABASE, why.role());
    assertEquals("kvstore", why.program());
    assertEquals("mine.rules:1", why.source());
    Classification builtIn =
        new RoleClassifier(RoleRules.builtIn())
            .classify(process("/usr/bin/redis-server 127.0.0.1:6379"), Set.of())
            .orElseThrow();
    assertEquals(Role.CACHE, builtIn.role());
    assertNull(builtIn.source());
  }

  @Test
  void aUsersInterpreterAppliesToTheBuiltInRules() {
    StackProcess bun = process("bun email-worker.ts");
    assertTrue(new RoleClassifier(RoleRules.builtIn()).classify(bun, Set.of()).isEmpty());
    RoleRules user = RoleRules.parse("interpreter - - bun\n", "mine.rules");
    Classification why =
        new RoleClassifier(List.of(user, RoleRules.builtIn()))
            .classify(bun, Set.of())
            .orElseThrow();
    assertEquals(Role.WORKER, why.role());
    assertEquals(new RuleMatch(RuleMatch.Kind.PROGRAM, "email-worker"), why.rule());
  }

  @Test
  void theExplainerTriesWhatTheClassifierTriesAndStopsAtItsMatch() {
    RoleRules user =
        RoleRules.parse(
            "name app ledgerd ledgerd\ntitle database ledgerdb ^ledgerdb:\n", "mine.rules");
    List<RoleRules> sets = List.of(user, RoleRules.builtIn());
    RoleClassifier classifier = new RoleClassifier(sets);
    RuleExplainer explainer = new RuleExplainer(sets);
    List<StackProcess> cases =
        List.of(
            process("/usr/sbin/ledgerd -f"),
            process("ledgerdb: writer"),
            process("nginx: worker process"),
            process("/usr/bin/python3 -m celery -A app worker"),
            process("java -cp x org.apache.catalina.startup.Bootstrap start"),
            process("java -Dkafka.logs.dir=/x -cp y Other"),
            process("/usr/bin/sleep 300"),
            new StackProcess(5, 1, "clickhouse-serv", List.of(), null, null),
            new StackProcess(6, 1, "x", List.of(), "/usr/sbin/mysqld", null));
    for (StackProcess p : cases) {
      for (Set<Integer> ports : List.of(Set.<Integer>of(), Set.of(5432))) {
        Classification c = classifier.classify(p, ports).orElse(null);
        RuleExplainer.Explanation e = explainer.explain(p, ports);
        assertEquals(c, e.result());
        List<RuleExplainer.Trial> t = e.trials();
        long matches = t.stream().filter(RuleExplainer.Trial::matched).count();
        if (c == null) {
          assertEquals(0, matches, p + " " + t);
        } else {
          assertEquals(1, matches, p + " " + t);
          RuleExplainer.Trial last = t.get(t.size() - 1);
          assertTrue(last.matched(), p + " " + last);
          assertEquals(c.role(), last.rule().role(), p.toString());
          assertEquals(c.source(), last.rule().file() == null ? null : last.rule().origin());
          assertEquals(last.input(), c.rule().kind(), p.toString());
        }
      }
    }
  }

  static StackProcess process(String commandLine) {
    List<String> argv = Arrays.asList(commandLine.split(" "));
    String comm = CommandLines.basename(argv.get(0));
    return new StackProcess(
        42, 1, comm.length() > 15 ? comm.substring(0, 15) : comm, argv, null, "u");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
