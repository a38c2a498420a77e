package dev.stackscope.stack;

import dev.stackscope.stack.RoleRules.Kind;
import dev.stackscope.stack.RoleRules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Names a process's role from {@link RoleRules} (a user's rules files first, then the built-in
 * rules: the first set that names a role wins), trying in each set in order: title markers, the
 * Java main class and {@code -D} properties, argv[0]'s basename, an interpreter's program, the
 * kernel's comm (a 15-character comm is a prefix), the executable's basename, and last the
 * listening ports.
 */
public final class RoleClassifier {
  /** Linux truncates comm to 15 bytes. */
  static final int COMM_LENGTH = 15;

  /** User rules first (each file in the order tried), then the built-in rules. */
  private final List<Tier> tiers = new ArrayList<>();

  /** Interpreters of every tier: a user's interpreter line applies to the built-in rules too. */
  private final List<Rule> interpreters = new ArrayList<>();

  private final List<String> brokerPrograms = new ArrayList<>();

  /** One set of rules, indexed for lookups. */
  private static final class Tier {
    final List<Rule> titles;
    final List<Rule> javaMains;
    final List<Rule> javaProps;
    final List<Rule> names;
    final List<Rule> ports;

    /**
     * Each literal name (of rules such as {@code apache2|httpd}) → the first name rule listing it.
     */
    final Map<String, Integer> literalNames = new HashMap<>();

    /** The positions of the name rules matched by regex, ascending. */
    final int[] regexNames;

    /**
     * Whether each name rule's pattern could name a truncated comm (see {@link #literalPrefix}).
     */
    final boolean[] prefixable;

    Tier(RoleRules rules) {
      this.titles = rules.of(Kind.TITLE);
      this.javaMains = rules.of(Kind.JAVA_MAIN);
      this.javaProps = rules.of(Kind.JAVA_PROP);
      this.names = rules.of(Kind.NAME);
      this.ports = rules.of(Kind.PORT);
      int[] regex = new int[names.size()];
      int n = 0;
      prefixable = new boolean[names.size()];
      for (int i = 0; i < names.size(); i++) {
        Rule r = names.get(i);
        List<String> literals = r.literals();
        if (literals == null) {
          regex[n++] = i;
        } else {
          for (String name : literals) {
            literalNames.putIfAbsent(name, i);
          }
        }
        prefixable[i] = isPrefixable(r.pattern());
      }
      regexNames = Arrays.copyOf(regex, n);
    }
  }

  /** A classifier of the built-in rules (or of one set of rules). */
  public RoleClassifier(RoleRules rules) {
    this(List.of(rules));
  }

  /**
   * A classifier trying each set of rules in turn, the first set that names a role winning: users'
   * files before the built-in rules.
   */
  public RoleClassifier(List<RoleRules> ruleSets) {
    for (RoleRules rules : ruleSets) {
      tiers.add(new Tier(rules));
      interpreters.addAll(rules.of(Kind.INTERPRETER));
      for (Rule r : rules.of(Kind.BROKER)) {
        brokerPrograms.add(r.program());
      }
    }
  }

  /** The programs that workers connect to (besides queue-role components). */
  public List<String> brokerPrograms() {
    return List.copyOf(brokerPrograms);
  }

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

  /**
   * What a classification depends on: processes alike in these are classified alike. A class, not a
   * record: a record's generated {@code equals} and {@code hashCode} go through method handles that
   * cost tens of milliseconds before the JIT has compiled them, once per lookup here.
   */
  private static final class Inputs {
    private final List<String> argv;
    private final String comm;
    private final String executable;
    private final Set<Integer> ports;
    private final int hash;

    Inputs(List<String> argv, String comm, String executable, Set<Integer> ports) {
      this.argv = argv;
      this.comm = comm;
      this.executable = executable;
      this.ports = ports;
      this.hash =
          ((argv.hashCode() * 31 + comm.hashCode()) * 31 + Objects.hashCode(executable)) * 31
              + ports.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Inputs i
          && hash == i.hash
          && comm.equals(i.comm)
          && Objects.equals(executable, i.executable)
          && argv.equals(i.argv)
          && ports.equals(i.ports);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private Optional<Classification> classifyUncached(
      StackProcess p, Collection<Integer> listeningPorts) {
    for (Tier t : tiers) {
      Optional<Classification> c = classify(t, p, listeningPorts);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private Optional<Classification> classify(
      Tier t, StackProcess p, Collection<Integer> listeningPorts) {
    List<String> argv = p.argv();
    if (!argv.isEmpty()) {
      String title = p.title();
      for (Rule r : t.titles) {
        Matcher m = r.regex().matcher(title);
        if (m.find()) {
          return Optional.of(
              of(r, m.group(), new RuleMatch(RuleMatch.Kind.TITLE, r.pattern()), Confidence.HIGH));
        }
      }
    }
    String argv0 = argv.isEmpty() ? null : CommandLines.basename(argv.get(0));
    boolean interpreter = argv0 != null && isInterpreter(argv0);
    String program = interpreter ? CommandLines.interpretedProgram(argv) : null;
    if (interpreter && argv0.equals("java")) {
      for (Rule r : t.javaMains) {
        if (r.pattern().equals(program)) {
          return Optional.of(
              of(
                  r,
                  program,
                  new RuleMatch(RuleMatch.Kind.JAVA_MAIN, r.pattern()),
                  Confidence.HIGH));
        }
      }
      List<String> props = CommandLines.javaProperties(argv);
      for (Rule r : t.javaProps) {
        if (props.contains(r.pattern())) {
          return Optional.of(
              of(
                  r,
                  r.pattern(),
                  new RuleMatch(RuleMatch.Kind.JAVA_PROP, r.pattern()),
                  Confidence.HIGH));
        }
      }
    }
    if (argv0 != null && !interpreter) {
      Optional<Classification> c = byName(t, argv0, RuleMatch.Kind.ARGV0, Confidence.HIGH, false);
      if (c.isPresent()) {
        return c;
      }
    }
    if (program != null) {
      Optional<Classification> c =
          byName(t, program, RuleMatch.Kind.PROGRAM, Confidence.HIGH, false);
      if (c.isPresent()) {
        return c;
      }
    }
    if (!p.comm().isEmpty() && !isInterpreter(p.comm())) {
      boolean prefix = p.comm().length() >= COMM_LENGTH;
      Optional<Classification> c =
          byName(t, p.comm(), RuleMatch.Kind.COMM, Confidence.MEDIUM, prefix);
      if (c.isPresent()) {
        return c;
      }
    }
    if (p.executable() != null) {
      String exe = CommandLines.basename(p.executable());
      if (!isInterpreter(exe)) {
        Optional<Classification> c = byName(t, exe, RuleMatch.Kind.EXE, Confidence.MEDIUM, false);
        if (c.isPresent()) {
          return c;
        }
      }
    }
    for (Rule r : t.ports) {
      if (listeningPorts.contains(Integer.parseInt(r.pattern()))) {
        return Optional.of(
            of(r, r.program(), new RuleMatch(RuleMatch.Kind.PORT, r.pattern()), Confidence.LOW));
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

  /**
   * The first name rule, in file order, that matches the whole name (or, for a truncated comm,
   * whose literal names one starts with it). Literal names are looked up, not matched: only the few
   * regex rules before the literal hit are run.
   */
  private Optional<Classification> byName(
      Tier t, String name, RuleMatch.Kind kind, Confidence confidence, boolean prefix) {
    RuleMatch matched = new RuleMatch(kind, name);
    List<Rule> names = t.names;
    Integer literal = t.literalNames.get(name);
    int limit = literal == null ? names.size() : literal;
    if (prefix) {
      for (int i = 0; i < limit; i++) {
        Rule r = names.get(i);
        if (r.regex() != null && r.regex().matcher(name).matches()
            || t.prefixable[i] && literalPrefix(r.pattern(), name)) {
          return Optional.of(of(r, name, matched, confidence));
        }
      }
    } else {
      for (int i : t.regexNames) {
        if (i >= limit) {
          break;
        }
        Rule r = names.get(i);
        if (r.regex().matcher(name).matches()) {
          return Optional.of(of(r, name, matched, confidence));
        }
      }
    }
    return literal == null
        ? Optional.empty()
        : Optional.of(of(names.get(literal), name, matched, confidence));
  }

  /**
   * Whether a pattern is names and bars only ({@code [\w|-]+}), which a truncated comm may start.
   */
  static boolean isPrefixable(String pattern) {
    if (pattern.isEmpty()) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (!(c == '_'
          || c == '-'
          || c == '|'
          || c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Whether a truncated name starts one of a literal pattern's alternatives (never a regex's). */
  static boolean literalPrefix(String pattern, String truncated) {
    for (String alternative : pattern.split("\\|")) {
      if (alternative.startsWith(truncated)) {
        return true;
      }
    }
    return false;
  }

  private static Classification of(Rule r, String matched, RuleMatch rule, Confidence confidence) {
    String program = r.program() != null ? r.program() : matched;
    return new Classification(
        r.role(), program, rule, confidence, r.file() == null ? null : r.origin());
  }
}
