package dev.stackscope.stack;

import java.util.List;

/**
 * The stack's pressure and configuration beside its map: what the sample saw of the listeners, and
 * every connection the components' configuration declares with what became of it.
 *
 * @param sampleMillis how long the listeners were watched; null for one snapshot
 * @param listenOverflows growth of the kernel's {@code TcpExtListenOverflows} during the sample
 *     (null when not sampled or not readable)
 * @param listenDrops growth of {@code TcpExtListenDrops} during the sample
 * @param seenFull the listeners ({@code ADDRESS:PORT}) whose accept queue was seen at its limit
 * @param declared the declared connections
 */
public record Pressure(
    Long sampleMillis,
    Long listenOverflows,
    Long listenDrops,
    List<String> seenFull,
    List<Declared> declared) {
  public Pressure {
    seenFull = List.copyOf(seenFull);
    declared = List.copyOf(declared);
  }

  /** What became of a declared connection. */
  public enum Status {
    OBSERVED("observed"),
    NOT_SEEN("not seen connected"),
    NOTHING_LISTENS("nothing listens"),
    REMOTE("another host"),
    NOT_RESOLVED("a name: not resolved");

    private final String words;

    Status(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }

  /**
   * One declared connection.
   *
   * @param from the component whose configuration or environment declares it
   * @param to the component listening on the target, or null
   * @param directive {@code proxy_pass}, {@code upstream app}, {@code backend app}, {@code
   *     DATABASE_URL}
   * @param target {@code 127.0.0.1:8000} or {@code unix:/run/app.sock}
   * @param declaredAt {@code FILE:LINE} or {@code environment NAME}
   * @param status what became of it
   */
  public record Declared(
      String from, String to, String directive, String target, String declaredAt, Status status) {}
}
