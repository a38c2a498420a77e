package dev.stackscope.stack;

/**
 * Why a process got its role.
 *
 * @param role the role
 * @param program the program's name, e.g. {@code nginx}
 * @param rule what matched: the input and its value (argv[0] {@code haproxy}, port {@code 5432})
 * @param confidence how sure the classification is
 * @param source the rules file and line of a user's rule ({@code FILE:LINE}), null for a built-in
 *     rule or none
 */
public record Classification(
    Role role, String program, RuleMatch rule, Confidence confidence, String source) {
  /** A classification by a built-in rule, or by none. */
  public Classification(Role role, String program, RuleMatch rule, Confidence confidence) {
    this(role, program, rule, confidence, null);
  }
}
