package dev.stackscope.stack;

/**
 * What named a component's role: the input a rule matched and its text, or the connection that made
 * an unclassified process a component. The output layer chooses the words ({@code argv0 haproxy},
 * {@code port 5432}, {@code connects to broker redis}).
 *
 * @param kind what was matched
 * @param value the name, pattern, property or port matched; for a connection, the program of the
 *     component at its other end; for {@link Kind#RECORDED}, the words a snapshot recorded
 */
public record RuleMatch(Kind kind, String value) {
  /** What a rule matched, or how a connection placed a process. */
  public enum Kind {
    /** A title rule's pattern found in the process title; the value is the pattern. */
    TITLE,
    /** A Java main class. */
    JAVA_MAIN,
    /** A Java {@code -D} system property; the value is the property without {@code -D}. */
    JAVA_PROP,
    /** argv[0]'s basename. */
    ARGV0,
    /** The program an interpreter runs. */
    PROGRAM,
    /** The kernel's comm. */
    COMM,
    /** The executable's basename. */
    EXE,
    /** A listening port. */
    PORT,
    /** No rule: a client of a broker (a worker); the value is the broker's program. */
    BROKER_CLIENT,
    /** No rule: a client of a component; the value is the component's program. */
    CLIENT,
    /** No rule: a server a web server or balancer proxies to; the value is the proxy's program. */
    PROXIED,
    /** No rule: a server of a component's connections; the value is the client's program. */
    SERVER,
    /** Read from a snapshot (another host's {@code stack --json}): the value is its words. */
    RECORDED
  }
}
