package dev.stackscope.ip;

/** A STUN exchange failed: malformed or error response, or a socket failure. */
public final class StunException extends Exception {
  private static final long serialVersionUID = 1L;

  public StunException(String message) {
    super(message);
  }

  public StunException(String message, Throwable cause) {
    super(message, cause);
  }
}
