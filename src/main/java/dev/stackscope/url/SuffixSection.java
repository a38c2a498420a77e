package dev.stackscope.url;

/** Which section of the Public Suffix List a public suffix comes from. */
public enum SuffixSection {
  /** ICANN DOMAINS: suffixes under ICANN's authority ({@code com}, {@code co.uk}). */
  ICANN("icann"),
  /** PRIVATE DOMAINS: suffixes submitted by their owners ({@code github.io}). */
  PRIVATE("private");

  private final String label;

  SuffixSection(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
