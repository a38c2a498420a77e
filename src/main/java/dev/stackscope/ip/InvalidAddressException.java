package dev.stackscope.ip;

/** Text that is not an address, network or range; the message says precisely why. */
public final class InvalidAddressException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidAddressException(String message) {
    super(message);
  }
}
