package dev.stackscope.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The role rules of {@code roles.rules}: one rule a line, {@code KIND ROLE PROGRAM PATTERN}, kinds
 * applied in a fixed order by {@link RoleClassifier}, lines of one kind in file order.
 */
public final class RoleRules {
  /** What a rule's pattern is matched against. */
  public enum Kind {
    TITLE("title"),
    JAVA_MAIN("java-main"),
    JAVA_PROP("java-prop"),
    NAME("name"),
    PORT("port"),
    INTERPRETER("interpreter"),
    BROKER("broker");

    final String id;

    Kind(String id) {
      this.id = id;
    }

    static Kind byId(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown kind '" + id + "'");
    }
  }

  /**
   * One line of the rules file.
   *
   * @param kind what the pattern applies to
   * @param role the role it names (null for interpreter and broker lines)
   * @param program the program it names, or null to use the matched name
   * @param pattern the pattern text as written
   * @param regex the compiled pattern (null for java and port rules, matched exactly)
   */
  public record Rule(Kind kind, Role role, String program, String pattern, Pattern regex) {}

  private final List<Rule> rules;

  private RoleRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules shipped with stackscope. */
  public static RoleRules builtIn() {
    try (InputStream in = RoleRules.class.getResourceAsStream("roles.rules")) {
      if (in == null) {
        throw new IllegalStateException("roles.rules missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses rules text; a malformed line throws naming its number. */
  public static RoleRules parse(String text) {
    List<Rule> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+", 4);
      if (f.length < 4) {
        throw new IllegalArgumentException(
            "roles.rules line " + (i + 1) + ": expected KIND ROLE PROGRAM PATTERN");
      }
      try {
        Kind kind = Kind.byId(f[0]);
        Role role = f[1].equals("-") ? null : Role.byId(f[1]);
        if (role == null && kind != Kind.INTERPRETER && kind != Kind.BROKER) {
          throw new IllegalArgumentException("a " + kind.id + " rule needs a role");
        }
        String program = f[2].equals("-") ? null : f[2];
        Pattern regex =
            switch (kind) {
              case TITLE, NAME, INTERPRETER -> Pattern.compile(f[3]);
              default -> null;
            };
        if (kind == Kind.PORT) {
          Integer.parseInt(f[3]);
        }
        out.add(new Rule(kind, role, program, f[3], regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "roles.rules line " + (i + 1) + ": bad pattern: " + e.getDescription(), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("roles.rules line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new RoleRules(out);
  }

  /** The rules of one kind, in file order. */
  public List<Rule> of(Kind kind) {
    return rules.stream().filter(r -> r.kind() == kind).toList();
  }
}
