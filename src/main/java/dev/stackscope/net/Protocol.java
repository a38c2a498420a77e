package dev.stackscope.net;

/** The transport protocol of a socket. */
public enum Protocol {
  TCP("tcp"),
  UDP("udp");

  private final String label;

  Protocol(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
