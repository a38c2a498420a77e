package dev.stackscope.stack;

/**
 * Why a process got its role.
 *
 * @param role the role
 * @param program the program's name, e.g. {@code nginx}
 * @param rule the rule that matched, e.g. {@code argv0 haproxy} or {@code port 5432}
 * @param confidence {@code high}, {@code medium} or {@code low}
 * @param source the rules file and line of a user's rule ({@code FILE:LINE}), null for a built-in
 *     rule or none
 */
public record Classification(
    Role role, String program, String rule, String confidence, String source) {
  /** A classification by a built-in rule, or by none. */
  public Classification(Role role, String program, String rule, String confidence) {
    this(role, program, rule, confidence, null);
  }
}
