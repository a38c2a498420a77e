package dev.stackscope.stack;

import dev.stackscope.stack.RoleRules.Kind;
import dev.stackscope.stack.RoleRules.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Why a process got its role: every rule the classifier tries for it, in the classifier's order, up
 * to the first that matches — the slow, plain walk that {@link RoleClassifier} does with indexes,
 * so a user can see why a new rule does or does not apply.
 */
public final class RuleExplainer {
  private final List<RoleRules> ruleSets;
  private final RoleClassifier classifier;

  /**
   * @param ruleSets the sets the classifier tries, in its order (users' files, then built-in)
   */
  public RuleExplainer(List<RoleRules> ruleSets) {
    this.ruleSets = List.copyOf(ruleSets);
    this.classifier = new RoleClassifier(ruleSets);
  }

  /**
   * One rule tried against one input.
   *
   * @param rule the rule
   * @param input what its pattern was matched against: the title, the Java main class or
   *     properties, argv[0], an interpreter's program, the comm, the executable or the ports
   * @param value the text of that input (the command line, a name, the listening ports)
   * @param matched whether the rule matched it
   */
  public record Trial(Rule rule, RuleMatch.Kind input, String value, boolean matched) {}

  /**
   * The explanation.
   *
   * @param trials the rules tried, the last one the match when there is one
   * @param result the classification, as the classifier makes it; null when no rule matched
   * @param interpreter the interpreter argv[0] names (whose program is the name tried), or null
   */
  public record Explanation(List<Trial> trials, Classification result, String interpreter) {}

  public Explanation explain(StackProcess p, Collection<Integer> listeningPorts) {
    List<Trial> trials = new ArrayList<>();
    List<String> argv = p.argv();
    String argv0 = argv.isEmpty() ? null : CommandLines.basename(argv.get(0));
    boolean interpreter = argv0 != null && classifier.isInterpreter(argv0);
    String program = interpreter ? CommandLines.interpretedProgram(argv) : null;
    Classification result = classifier.classify(p, listeningPorts).orElse(null);
    for (RoleRules set : ruleSets) {
      if (tryAll(set, p, listeningPorts, argv0, interpreter, program, trials)) {
        break;
      }
    }
    return new Explanation(trials, result, interpreter ? argv0 : null);
  }

  /** Tries one set's rules in the classifier's order; true at the first match. */
  private boolean tryAll(
      RoleRules set,
      StackProcess p,
      Collection<Integer> ports,
      String argv0,
      boolean interpreter,
      String program,
      List<Trial> trials) {
    if (!p.argv().isEmpty()) {
      for (Rule r : set.of(Kind.TITLE)) {
        if (add(trials, r, RuleMatch.Kind.TITLE, p.title(), r.regex().matcher(p.title()).find())) {
          return true;
        }
      }
    }
    if (interpreter && argv0.equals("java")) {
      for (Rule r : set.of(Kind.JAVA_MAIN)) {
        if (add(
            trials,
            r,
            RuleMatch.Kind.JAVA_MAIN,
            String.valueOf(program),
            r.pattern().equals(program))) {
          return true;
        }
      }
      List<String> props = CommandLines.javaProperties(p.argv());
      for (Rule r : set.of(Kind.JAVA_PROP)) {
        if (add(
            trials,
            r,
            RuleMatch.Kind.JAVA_PROP,
            String.join(" ", props),
            props.contains(r.pattern()))) {
          return true;
        }
      }
    }
    if (argv0 != null && !interpreter && byName(set, RuleMatch.Kind.ARGV0, argv0, false, trials)) {
      return true;
    }
    if (program != null && byName(set, RuleMatch.Kind.PROGRAM, program, false, trials)) {
      return true;
    }
    if (!p.comm().isEmpty()
        && !classifier.isInterpreter(p.comm())
        && byName(
            set,
            RuleMatch.Kind.COMM,
            p.comm(),
            p.comm().length() >= RoleClassifier.COMM_LENGTH,
            trials)) {
      return true;
    }
    if (p.executable() != null) {
      String exe = CommandLines.basename(p.executable());
      if (!classifier.isInterpreter(exe) && byName(set, RuleMatch.Kind.EXE, exe, false, trials)) {
        return true;
      }
    }
    String listening = ports.isEmpty() ? "(none)" : ports.toString();
    for (Rule r : set.of(Kind.PORT)) {
      if (add(
          trials,
          r,
          RuleMatch.Kind.PORT,
          listening,
          ports.contains(Integer.parseInt(r.pattern())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Name rules in file order: a regex matching the whole name, a listed name, or (for a truncated
   * comm) a listed name it starts.
   */
  private static boolean byName(
      RoleRules set, RuleMatch.Kind input, String name, boolean prefix, List<Trial> trials) {
    for (Rule r : set.of(Kind.NAME)) {
      List<String> literals = r.literals();
      boolean matched =
          literals == null ? r.regex().matcher(name).matches() : literals.contains(name);
      if (!matched && prefix && RoleClassifier.isPrefixable(r.pattern())) {
        matched = RoleClassifier.literalPrefix(r.pattern(), name);
      }
      if (add(trials, r, input, name, matched)) {
        return true;
      }
    }
    return false;
  }

  private static boolean add(
      List<Trial> trials, Rule r, RuleMatch.Kind input, String value, boolean matched) {
    trials.add(new Trial(r, input, value, matched));
    return matched;
  }
}
