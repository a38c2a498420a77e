package dev.stackscope.output;

/**
 * How output is rendered, decided once per run from the terminal and the global options.
 *
 * @param terminal stdout is an interactive terminal
 * @param width columns available; 0 = unlimited (always 0 when not on a terminal, unless --width)
 * @param unicode box drawing and ellipsis in Unicode (UTF-8 locale and no --ascii)
 * @param color ANSI styles on
 * @param json print one JSON document instead of text
 * @param reveal show secrets that are masked by default
 */
public record RenderSettings(
    boolean terminal, int width, boolean unicode, boolean color, boolean json, boolean reveal) {

  /** Plain settings for tests and pipes: no terminal, no width limit, Unicode, no colour. */
  public static RenderSettings plain() {
    return new RenderSettings(false, 0, true, false, false, false);
  }

  public RenderSettings withJson(boolean json) {
    return new RenderSettings(terminal, width, unicode, color, json, reveal);
  }

  public RenderSettings withUnicode(boolean unicode) {
    return new RenderSettings(terminal, width, unicode, color, json, reveal);
  }

  public RenderSettings withWidth(int width) {
    return new RenderSettings(terminal, width, unicode, color, json, reveal);
  }

  public RenderSettings withColor(boolean color) {
    return new RenderSettings(terminal, width, unicode, color, json, reveal);
  }

  public RenderSettings withReveal(boolean reveal) {
    return new RenderSettings(terminal, width, unicode, color, json, reveal);
  }

  /** The truncation mark: "…" in Unicode, "..." otherwise. */
  public String ellipsis() {
    return unicode ? "…" : "...";
  }
}
