package dev.stackscope.dns;

/**
 * A DNSSEC verdict: {@code status} secure, insecure (provably unsigned), bogus (signed but does not
 * verify: the reason says why) or indeterminate (no trust anchor covers it); {@code zone} whose
 * keys it rests on, {@code reason} in words.
 */
public record Validation(String status, String zone, String reason) {
  public static final String SECURE = "secure";
  public static final String INSECURE = "insecure";
  public static final String BOGUS = "bogus";
  public static final String INDETERMINATE = "indeterminate";

  /** Higher is worse: a chain is as trustworthy as its weakest link. */
  int rank() {
    return switch (status) {
      case SECURE -> 0;
      case INSECURE -> 1;
      case INDETERMINATE -> 2;
      default -> 3;
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
