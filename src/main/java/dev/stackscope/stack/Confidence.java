package dev.stackscope.stack;

/** How sure a classification is: a process's own name says more than a well-known port. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** The JSON word and the snapshot's: {@code high}, {@code medium}, {@code low}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The confidence a snapshot names, or null for another word. */
  public static Confidence byId(String id) {
    for (Confidence c : values()) {
      if (c.toString().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
