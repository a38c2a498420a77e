package dev.stackscope.cli.stack;

import dev.stackscope.stack.RuleMatch;

/**
 * The words of what named a role, in the text view and in JSON alike: {@code argv0 haproxy}, {@code
 * port 5432}, {@code title /pattern/}, {@code connects to broker redis}.
 */
public final class RuleWords {
  private RuleWords() {}

  /** The words of a match. */
  public static String of(RuleMatch m) {
    String v = m.value();
    return switch (m.kind()) {
      case TITLE -> "title /" + v + "/";
      case JAVA_PROP -> "java-prop -D" + v;
      case RECORDED -> v;
      default -> input(m.kind()) + " " + v;
    };
  }

  /** The name of what a rule is tried on ({@code argv0}, {@code comm}, {@code port}…). */
  public static String input(RuleMatch.Kind k) {
    return switch (k) {
      case TITLE -> "title";
      case JAVA_MAIN -> "java-main";
      case JAVA_PROP -> "java-prop";
      case ARGV0 -> "argv0";
      case PROGRAM -> "program";
      case COMM -> "comm";
      case EXE -> "exe";
      case PORT -> "port";
      case BROKER_CLIENT -> "connects to broker";
      case CLIENT -> "connects to";
      case PROXIED -> "proxied to by";
      case SERVER -> "serves";
      case RECORDED -> "recorded";
    };
  }
}
