package dev.stackscope.fleet;

/** A snapshot that cannot be used; the message is one line naming the file and what is wrong. */
public final class SnapshotException extends Exception {
  private static final long serialVersionUID = 1L;

  public SnapshotException(String message) {
    super(message);
  }
}
