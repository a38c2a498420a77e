package dev.stackscope.stack;

/**
 * Why a process got its role.
 *
 * @param role the role
 * @param program the program's name, e.g. {@code nginx}
 * @param rule the rule that matched, e.g. {@code argv0 haproxy} or {@code port 5432}
 * @param confidence {@code high}, {@code medium} or {@code low}
 */
public record Classification(Role role, String program, String rule, String confidence) {}
