package dev.stackscope.output;

/** Terminal text styles. Applied only by renderers, only when colour is on, only to clean text. */
public enum Style {
  PLAIN(""),
  BOLD("1"),
  DIM("2"),
  UNDERLINE("4"),
  REVERSE("7"),
  RED("31"),
  GREEN("32"),
  YELLOW("33"),
  BLUE("34"),
  MAGENTA("35"),
  CYAN("36"),
  BOLD_RED("1;31"),
  BOLD_GREEN("1;32"),
  BOLD_YELLOW("1;33");

  private final String sgr;

  Style(String sgr) {
    this.sgr = sgr;
  }

  /** Wraps already-sanitised {@code clean} text in this style's escape sequence. */
  String apply(String clean) {
    if (sgr.isEmpty() || clean.isEmpty()) {
      return clean;
    }
    return "\u001b[" + sgr + "m" + clean + "\u001b[0m";
  }
}
