package dev.stackscope.url;

/** A URL the Standard's parser fails on. Stackless: in a batch, failures are ordinary. */
public final class InvalidUrlException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient UrlFailure failure;
  private final String hint;

  public InvalidUrlException(UrlFailure failure, String hint) {
    super(hint == null ? failure.message() : failure.message() + " — " + hint, null, false, false);
    this.failure = failure;
    this.hint = hint;
  }

  public InvalidUrlException(UrlFailure failure) {
    this(failure, null);
  }

  public UrlFailure failure() {
    return failure;
  }

  /** A suggestion such as "did you mean http://example.com?", or null. */
  public String hint() {
    return hint;
  }
}
