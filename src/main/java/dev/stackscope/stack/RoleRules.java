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
   * @param regex the compiled pattern; null for java and port rules and for name rules that list
   *     literal names ({@code apache2|httpd}), all matched exactly
   * @param file the rules file it came from, or null for the built-in rules
   * @param line its line number in that file
   */
  public record Rule(
      Kind kind, Role role, String program, String pattern, Pattern regex, String file, int line) {
    /** Where the rule was written: {@code FILE:LINE}, or {@code built-in:LINE}. */
    public String origin() {
      return (file == null ? "built-in" : file) + ":" + line;
    }

    /** The kind's name as the rules file spells it. */
    public String kindName() {
      return kind.id;
    }

    /**
     * The names a literal name rule lists ({@code apache2|httpd} → apache2, httpd), or null for a
     * rule matched by its regex.
     */
    public List<String> literals() {
      if (kind != Kind.NAME || regex != null) {
        return null;
      }
      List<String> names = new ArrayList<>();
      int start = 0;
      for (int bar = pattern.indexOf('|'); bar >= 0; bar = pattern.indexOf('|', start)) {
        names.add(pattern.substring(start, bar));
        start = bar + 1;
      }
      names.add(pattern.substring(start));
      return names;
    }
  }

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

  /** The most a rules file may hold. */
  public static final int MAX_BYTES = 1 << 20;

  /** The longest rule line: patterns past this are not rules a person writes. */
  public static final int MAX_LINE = 1000;

  /** Parses the built-in rules' text; a malformed line throws naming its number. */
  public static RoleRules parse(String text) {
    return parse(text, null);
  }

  /**
   * Parses a rules file's text; a malformed line throws an {@link IllegalArgumentException} whose
   * message is {@code FILE:LINE: what is wrong} (or {@code roles.rules line N: …} for the built-in
   * rules, {@code file} null).
   */
  public static RoleRules parse(String text, String file) {
    if (text.length() > MAX_BYTES) {
      throw new IllegalArgumentException(
          (file == null ? "roles.rules" : file) + ": larger than " + MAX_BYTES + " bytes");
    }
    List<Rule> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = file == null ? "roles.rules line " + (i + 1) : file + ":" + (i + 1);
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.length() > MAX_LINE) {
        throw new IllegalArgumentException(
            where + ": line longer than " + MAX_LINE + " characters");
      }
      String[] f = fields(line);
      if (f.length < 4) {
        throw new IllegalArgumentException(where + ": expected KIND ROLE PROGRAM PATTERN");
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
              case TITLE, INTERPRETER -> Pattern.compile(f[3]);
              case NAME -> isLiteral(f[3]) ? null : Pattern.compile(f[3]);
              default -> null;
            };
        if (kind == Kind.PORT && !isPort(f[3])) {
          throw new IllegalArgumentException(
              "a port rule's pattern is a port 1-65535, not '" + f[3] + "'");
        }
        if (kind == Kind.BROKER && program == null) {
          throw new IllegalArgumentException("a broker rule names its program");
        }
        out.add(new Rule(kind, role, program, f[3], regex, file, i + 1));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(where + ": bad pattern: " + e.getDescription(), e);
      } catch (StackOverflowError e) {
        throw new IllegalArgumentException(where + ": bad pattern: nested too deeply", e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return new RoleRules(out);
  }

  private static boolean isPort(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    int port = Integer.parseInt(s);
    return port >= 1 && port <= 65535;
  }

  /** Every rule, in file order. */
  public List<Rule> all() {
    return rules;
  }

  /**
   * A line's first three fields and the rest, split at runs of whitespace as {@code
   * line.split("\\s+", 4)} would, without compiling a regular expression per line.
   */
  static String[] fields(String line) {
    List<String> out = new ArrayList<>(4);
    int i = 0;
    int n = line.length();
    while (i < n && out.size() < 3) {
      int end = i;
      while (end < n && !isSpace(line.charAt(end))) {
        end++;
      }
      out.add(line.substring(i, end));
      i = end;
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
    }
    if (i < n) {
      out.add(line.substring(i));
    }
    return out.toArray(new String[0]);
  }

  /** The characters of the regex class {@code \s}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * Whether a pattern is only literal names separated by bars ({@code [\w-]+(\|[\w-]+)*}): it
   * matches a whole name exactly when the name is one of them, so no regex is needed.
   */
  static boolean isLiteral(String pattern) {
    boolean empty = true;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '|') {
        if (empty) {
          return false;
        }
        empty = true;
      } else if (c == '_'
          || c == '-'
          || c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9') {
        empty = false;
      } else {
        return false;
      }
    }
    return !empty;
  }

  /** The rules of one kind, in file order. */
  public List<Rule> of(Kind kind) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r.kind() == kind) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }
}
