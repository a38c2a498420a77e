package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.stack.RoleRules.Rule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Fuzz target for the role rules parser (docs/fuzzing.md; users' {@code roles.rules} files and
 * {@code stack --rules}). Without JAZZER_FUZZ it replays the corpus in {@code
 * RoleRulesFuzzTestInputs/}.
 */
class RoleRulesFuzzTest {
  /**
   * Any text: only an {@link IllegalArgumentException} whose message is one line starting {@code
   * FILE:LINE: } (or {@code FILE: } for the size); what parses has rules in line order within the
   * text, each rule's fields as written, and written back one a line it parses to the same rules;
   * the classifier takes every rule set that parses.
   */
  @FuzzTest(maxDuration = "5m")
  void roleRules(FuzzedDataProvider data) throws Throwable {
    String text = withValidPatterns(data.consumeRemainingAsString());
    RoleRules rules;
    try {
      rules = RoleRules.parse(text, "f.rules");
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertTrue(m.matches("f\\.rules:[0-9]+: .*|f\\.rules: larger than [0-9]+ bytes"), m);
      assertFalse(m.contains("\n") || m.contains("\r"), m);
      return;
    }
    int lines = text.split("\n", -1).length;
    int previous = 0;
    StringBuilder back = new StringBuilder();
    for (Rule r : rules.all()) {
      assertTrue(r.line() > previous && r.line() <= lines, r.origin());
      previous = r.line();
      assertEquals("f.rules", r.file());
      assertFalse(r.pattern().isEmpty());
      back.append(r.kindName())
          .append(' ')
          .append(r.role() == null ? "-" : r.role().id())
          .append(' ')
          .append(r.program() == null ? "-" : r.program())
          .append(' ')
          .append(r.pattern())
          .append('\n');
    }
    List<Rule> again = RoleRules.parse(back.toString(), "g.rules").all();
    assertEquals(rules.all().size(), again.size());
    for (int i = 0; i < again.size(); i++) {
      Rule a = rules.all().get(i);
      Rule b = again.get(i);
      assertEquals(
          List.of(a.kind(), String.valueOf(a.role()), String.valueOf(a.program()), a.pattern()),
          List.of(b.kind(), String.valueOf(b.role()), String.valueOf(b.program()), b.pattern()));
    }
    RoleClassifier c = new RoleClassifier(List.of(rules, RoleRules.builtIn()));
    c.classify(new StackProcess(7, 1, "x", List.of("x"), null, null), Set.of(80));
  }

  /**
   * Pattern.compile through a method handle: Jazzer's RegexInjection sanitizer reports every
   * PatternSyntaxException at a compile call site, and a rules file is regular expressions by
   * design (a bad one is a one-line error, fixture-tested in RoleRuleFilesTest); the handle is no
   * call site it hooks, so the sanitizer stays on for every other target.
   */
  private static final MethodHandle COMPILE;

  static {
    try {
      COMPILE =
          MethodHandles.publicLookup()
              .findStatic(
                  Pattern.class, "compile", MethodType.methodType(Pattern.class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The text with each line whose pattern field is not a valid regular expression commented out.
   */
  static String withValidPatterns(String text) throws Throwable {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] f = RoleRules.fields(lines[i].strip());
      if (f.length >= 4 && f[3].length() <= RoleRules.MAX_LINE) {
        try {
          Pattern unused = (Pattern) COMPILE.invokeExact(f[3]);
        } catch (PatternSyntaxException | StackOverflowError e) {
          lines[i] = "#";
        }
      }
    }
    return String.join("\n", lines);
  }
}
