package dev.stackscope.dns;

/**
 * A DNSSEC verdict: {@code status} (see {@link Status}); {@code zone} whose keys it rests on,
 * {@code reason} (see {@link ValidationReason}; the output layer words it).
 */
public record Validation(Status status, String zone, ValidationReason reason) {
  /** How a chain of trust ended; JSON: the lowercase word. */
  public enum Status {
    SECURE,
    /** Provably unsigned. */
    INSECURE,
    /** Signed but does not verify: the reason says why. */
    BOGUS,
    /** No trust anchor covers it. */
    INDETERMINATE;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Higher is worse: a chain is as trustworthy as its weakest link. */
  int rank() {
    return switch (status) {
      case SECURE -> 0;
      case INSECURE -> 1;
      case INDETERMINATE -> 2;
      case BOGUS -> 3;
    };
  }

  static Validation worst(Validation a, Validation b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.rank() > a.rank() ? b : a;
  }
}
