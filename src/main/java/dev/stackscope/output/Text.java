package dev.stackscope.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A line of display text made of styled spans. Every span is sanitised when it is added, so a
 * {@code Text} is safe to print by construction; style escape sequences are added only on render.
 */
public final class Text {
  private record Span(String clean, Style style, int width) {}

  private final List<Span> spans = new ArrayList<>(2);
  private int width;

  private Text() {}

  /** Untrusted text, no style. */
  public static Text of(String untrusted) {
    return new Text().add(untrusted, Style.PLAIN);
  }

  /** Untrusted text in a style. */
  public static Text of(String untrusted, Style style) {
    return new Text().add(untrusted, style);
  }

  public static Text empty() {
    return new Text();
  }

  /** Appends untrusted text in a style. */
  public Text add(String untrusted, Style style) {
    if (untrusted == null || untrusted.isEmpty()) {
      return this;
    }
    String clean;
    int w;
    if (Sanitizer.isPrintableAscii(untrusted)) {
      clean = untrusted;
      w = untrusted.length();
    } else {
      clean = Sanitizer.clean(untrusted);
      w = displayWidth(clean);
    }
    if (!clean.isEmpty()) {
      spans.add(new Span(clean, style, w));
      width += w;
    }
    return this;
  }

  public Text add(String untrusted) {
    return add(untrusted, Style.PLAIN);
  }

  public Text add(Text other) {
    for (Span s : other.spans) {
      spans.add(s);
    }
    width += other.width;
    return this;
  }

  /** Columns this text occupies on a terminal. */
  public int width() {
    return width;
  }

  /** The clean text without styles. */
  public String plain() {
    if (spans.size() == 1) {
      return spans.get(0).clean;
    }
    StringBuilder sb = new StringBuilder(width);
    for (Span s : spans) {
      sb.append(s.clean);
    }
    return sb.toString();
  }

  /**
   * Renders with or without colour, cut to {@code maxWidth} columns with an ellipsis when longer
   * ({@code maxWidth <= 0}: no limit).
   */
  public String render(boolean color, int maxWidth, String ellipsis) {
    boolean cut = maxWidth > 0 && width > maxWidth;
    int budget = cut ? Math.max(0, maxWidth - displayWidth(ellipsis)) : Integer.MAX_VALUE;
    StringBuilder sb = new StringBuilder(width + 16);
    for (Span s : spans) {
      if (budget <= 0) {
        break;
      }
      String piece = s.clean;
      int w = s.width;
      if (w > budget) {
        piece = prefixOfWidth(piece, budget);
        w = budget;
      }
      sb.append(color ? s.style.apply(piece) : piece);
      budget -= w;
    }
    if (cut) {
      sb.append(ellipsis);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return plain();
  }

  /** Display columns of clean text: one per code point, two for East Asian wide characters. */
  public static int displayWidth(String clean) {
    int w = 0;
    for (int i = 0; i < clean.length(); ) {
      char c = clean.charAt(i);
      if (c < 0x300) { // below the combining marks: one column, as the general case would say
        w++;
        i++;
        continue;
      }
      int cp = clean.codePointAt(i);
      w += isWide(cp) ? 2 : (Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : 1);
      i += Character.charCount(cp);
    }
    return w;
  }

  static String prefixOfWidth(String clean, int columns) {
    int w = 0;
    int i = 0;
    while (i < clean.length()) {
      int cp = clean.codePointAt(i);
      int cw = isWide(cp) ? 2 : 1;
      if (w + cw > columns) {
        break;
      }
      w += cw;
      i += Character.charCount(cp);
    }
    return clean.substring(0, i);
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115f)
        || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
        || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff)
        || (cp >= 0xfe30 && cp <= 0xfe4f)
        || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6)
        || (cp >= 0x1f300 && cp <= 0x1f64f)
        || (cp >= 0x1f900 && cp <= 0x1f9ff)
        || (cp >= 0x20000 && cp <= 0x3fffd);
  }
}
