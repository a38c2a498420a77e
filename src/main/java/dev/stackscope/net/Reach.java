package dev.stackscope.net;

/**
 * Who can reach a socket bound to a local address — the answer to "is my database exposed?". Shown
 * as the SCOPE of {@code ports}.
 */
public enum Reach {
  ALL_INTERFACES("all interfaces"),
  LOOPBACK("loopback only"),
  PRIVATE("private network"),
  LINK_LOCAL("link-local"),
  PUBLIC("public");

  private final String label;

  Reach(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
