package dev.stackscope.stack;

import dev.stackscope.stack.RoleRules.Kind;
import dev.stackscope.stack.RoleRules.Rule;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Names a process's role from {@link RoleRules}, trying in order: title markers, the Java main
 * class and {@code -D} properties, argv[0]'s basename, an interpreter's program, the kernel's
 * comm (a 15-character comm is a prefix), the executable's basename, and last the listening ports.
 */
public final class RoleClassifier {
  /** Linux truncates comm to 15 bytes. */
  static final int COMM_LENGTH = 15;

  private final RoleRules rules;
  private final List<Rule> titles;
  private final List<Rule> javaMains;
  private final List<Rule> javaProps;
  private final List<Rule> names;
  private final List<Rule> ports;
  private final List<Rule> interpreters;

  public RoleClassifier(RoleRules rules) {
    this.rules = rules;
    this.titles = rules.of(Kind.TITLE);
    this.javaMains = rules.of(Kind.JAVA_MAIN);
    this.javaProps = rules.of(Kind.JAVA_PROP);
    this.names = rules.of(Kind.NAME);
    this.ports = rules.of(Kind.PORT);
    this.interpreters = rules.of(Kind.INTERPRETER);
  }

  public RoleRules rules() {
    return rules;
  }

  /** What a classification depends on: processes alike in these are classified alike. */
  private record Inputs(List<String> argv, String comm, String executable, Set<Integer> ports) {}

  // Hosts run many identical processes (workers, sleepers, backends): each distinct command is
  // run through the ~130 rules' regular expressions once per classifier.
  private final Map<Inputs, Optional<Classification>> memo = new HashMap<>();

  /** The role of a process listening on these ports, or empty when no rule matches. */
  public Optional<Classification> classify(StackProcess p, Collection<Integer> listeningPorts) {
    Inputs key = new Inputs(p.argv(), p.comm(), p.executable(), Set.copyOf(listeningPorts));
    Optional<Classification> known = memo.get(key);
    if (known == null) {
      known = classifyUncached(p, listeningPorts);
      memo.put(key, known);
    }
    return known;
  }

  private Optional<Classification> classifyUncached(StackProcess p, Collection<Integer> listeningPorts) {
    List<String> argv = p.argv();
    if (!argv.isEmpty()) {
      String title = p.title();
      for (Rule r : titles) {
        Matcher m = r.regex().matcher(title);
        if (m.find()) {
          return Optional.of(of(r, m.group(), "title /" + r.pattern() + "/", "high"));
        }
      }
    }
    String argv0 = argv.isEmpty() ? null : CommandLines.basename(argv.get(0));
    boolean interpreter = argv0 != null && isInterpreter(argv0);
    String program = interpreter ? CommandLines.interpretedProgram(argv) : null;
    if (interpreter && argv0.equals("java")) {
      for (Rule r : javaMains) {
        if (r.pattern().equals(program)) {
          return Optional.of(of(r, program, "java-main " + r.pattern(), "high"));
        }
      }
      List<String> props = CommandLines.javaProperties(argv);
      for (Rule r : javaProps) {
        if (props.contains(r.pattern())) {
          return Optional.of(of(r, r.pattern(), "java-prop -D" + r.pattern(), "high"));
        }
      }
    }
    if (argv0 != null && !interpreter) {
      Optional<Classification> c = byName(argv0, "argv0", "high", false);
      if (c.isPresent()) {
        return c;
      }
    }
    if (program != null) {
      Optional<Classification> c = byName(program, "program", "high", false);
      if (c.isPresent()) {
        return c;
      }
    }
    if (!p.comm().isEmpty() && !isInterpreter(p.comm())) {
      boolean prefix = p.comm().length() >= COMM_LENGTH;
      Optional<Classification> c = byName(p.comm(), "comm", "medium", prefix);
      if (c.isPresent()) {
        return c;
      }
    }
    if (p.executable() != null) {
      String exe = CommandLines.basename(p.executable());
      if (!isInterpreter(exe)) {
        Optional<Classification> c = byName(exe, "exe", "medium", false);
        if (c.isPresent()) {
          return c;
        }
      }
    }
    for (Rule r : ports) {
      if (listeningPorts.contains(Integer.parseInt(r.pattern()))) {
        return Optional.of(of(r, r.program(), "port " + r.pattern(), "low"));
      }
    }
    return Optional.empty();
  }

  /** Whether a basename is an interpreter whose first non-flag argument names the program. */
  public boolean isInterpreter(String basename) {
    for (Rule r : interpreters) {
      if (r.regex().matcher(basename).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The program name a bare process shows when no rule names it. */
  public String programOf(StackProcess p) {
    List<String> argv = p.argv();
    if (!argv.isEmpty()) {
      String argv0 = CommandLines.basename(argv.get(0));
      if (isInterpreter(argv0)) {
        String program = CommandLines.interpretedProgram(argv);
        if (program != null) {
          return program;
        }
      }
      if (!argv0.isEmpty() && !argv0.contains(" ")) {
        return argv0;
      }
    }
    return p.comm();
  }

  private Optional<Classification> byName(String name, String kind, String confidence, boolean prefix) {
    for (Rule r : names) {
      Matcher m = r.regex().matcher(name);
      if (m.matches() || prefix && literalPrefix(r.pattern(), name)) {
        return Optional.of(of(r, name, kind + " " + name, confidence));
      }
    }
    return Optional.empty();
  }

  /** Whether a truncated name starts one of a literal pattern's alternatives (never a regex's). */
  private static boolean literalPrefix(String pattern, String truncated) {
    if (!pattern.matches("[\\w|-]+")) {
      return false;
    }
    for (String alternative : pattern.split("\\|")) {
      if (alternative.startsWith(truncated)) {
        return true;
      }
    }
    return false;
  }

  private static Classification of(Rule r, String matched, String rule, String confidence) {
    String program = r.program() != null ? r.program() : matched;
    return new Classification(r.role(), program, rule, confidence);
  }
}
