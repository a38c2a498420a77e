package dev.stackscope.stack;

/** Who can reach a listener, from the address it is bound to. */
public enum Scope {
  ALL("all", "all interfaces"),
  LOOPBACK("loopback", "loopback only"),
  PRIVATE("private", "private network"),
  PUBLIC("public", "public");

  private final String id;
  private final String title;

  Scope(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String title() {
    return title;
  }

  @Override
  public String toString() {
    return id;
  }
}
