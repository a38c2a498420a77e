package dev.stackscope.dns.check;

/** How bad a finding is; JSON: the lowercase word. Errors fail the check (exit 1). */
public enum Severity {
  ERROR,
  WARNING,
  NOTICE;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
