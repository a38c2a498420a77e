package dev.stackscope.output;

import java.nio.charset.StandardCharsets;

/**
 * The one sanitiser for text that came from outside (process names, command lines, environment, DNS
 * data, URL parts, file names offered by the shell's completion). After {@link #clean}, a string
 * cannot move the cursor, recolour or retitle the terminal, write the clipboard (OSC 52) or reorder
 * or hide what is displayed: C0 controls, DEL, C1 controls (U+0080–U+009F, which kubectl's fix for
 * CVE-2021-25743 missed), the line and paragraph separators, the interlinear annotation controls
 * and every Default_Ignorable_Code_Point of Unicode (bidi controls, zero-width characters, soft
 * hyphen, variation selectors, Hangul fillers, tag characters, …) are shown as visible escapes
 * (backslash, then {@code x1b}, {@code u202e} or {@code u{e0041}}). The output is printable and
 * {@code clean(clean(x)).equals(clean(x))}. Every renderer in this package calls it; commands never
 * write untrusted text any other way.
 */
public final class Sanitizer {
  private Sanitizer() {}

  /** Returns {@code text} with every unsafe character replaced by a visible escape. */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    if (isPrintableAscii(text)) {
      return text;
    }
    int n = text.length();
    int i = 0;
    while (i < n && isSafeChar(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder sb = new StringBuilder(n + 16);
    sb.append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(i + 1));
        if (isUnsafe(cp)) {
          sb.append(String.format("\\u{%x}", cp));
        } else {
          sb.append(c).append(text.charAt(i + 1));
        }
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        sb.append('\uFFFD'); // unpaired surrogate: not text
      } else if (isSafeChar(c)) {
        sb.append(c);
      } else {
        escape(sb, c);
      }
      i++;
    }
    return sb.toString();
  }

  /**
   * True when {@code text} is printable ASCII (U+0020–U+007E only), which needs no escaping and is
   * one column per character. Checked on the bytes, not char by char: this runs for every label and
   * cell, mostly in interpreted code just after the JVM started, where a loop of {@code charAt}
   * calls costs far more than one copy and a loop over an array.
   */
  static boolean isPrintableAscii(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != text.length()) {
      return false;
    }
    // Same length: one byte per char, so byte i is char i, except that the encoder writes an
    // unpaired surrogate as '?'.
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b < 0x20 || b == 0x7f || (b == '?' && text.charAt(i) != '?')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 17), as inclusive [first,
   * last] pairs in order. A table rather than ICU's {@code UCharacter.hasBinaryProperty}: this runs
   * in every fresh JVM that prints a non-ASCII string, where loading ICU's property data costs more
   * than the whole command; {@code SanitizerTest} checks the table against ICU for every code
   * point.
   */
  private static final int[] DEFAULT_IGNORABLE = {
    0x00ad, 0x00ad, // soft hyphen
    0x034f, 0x034f, // combining grapheme joiner
    0x061c, 0x061c, // Arabic letter mark
    0x115f, 0x1160, // Hangul choseong and jungseong fillers
    0x17b4, 0x17b5, // Khmer inherent vowels
    0x180b, 0x180f, // Mongolian free variation selectors, vowel separator
    0x200b, 0x200f, // zero-width space, joiners, LRM, RLM
    0x202a, 0x202e, // bidi embeddings and overrides
    0x2060, 0x206f, // word joiner, invisible operators, bidi isolates, deprecated format controls
    0x3164, 0x3164, // Hangul filler
    0xfe00, 0xfe0f, // variation selectors 1-16
    0xfeff, 0xfeff, // zero-width no-break space / BOM
    0xffa0, 0xffa0, // halfwidth Hangul filler
    0xfff0, 0xfff8, // reserved
    0x1bca0, 0x1bca3, // shorthand format controls
    0x1d173, 0x1d17a, // musical symbol format controls
    0xe0000,
        0xe0fff, // tags (invisible, used to smuggle text), variation selectors 17-256, reserved
  };

  /** True when code point {@code c} needs escaping before it may reach a terminal. */
  public static boolean isUnsafe(int c) {
    if (c < 0xad) {
      return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
    if (c == 0x2028 || c == 0x2029 || (c >= 0xfff9 && c <= 0xfffb)) {
      return true; // line/paragraph separators; interlinear annotation controls
    }
    return isDefaultIgnorable(c);
  }

  /** True when {@code c} is a Default_Ignorable_Code_Point: invisible, or shown as nothing. */
  static boolean isDefaultIgnorable(int c) {
    int[] t = DEFAULT_IGNORABLE;
    for (int i = 0; i < t.length && c >= t[i]; i += 2) {
      if (c <= t[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSafeChar(char c) {
    return c >= 0x20 && c < 0x7f || (!isUnsafe(c) && !Character.isSurrogate(c));
  }

  private static void escape(StringBuilder sb, char c) {
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      default -> {
        if (c < 0x100 && (c < 0x20 || c == 0x7f)) {
          sb.append(String.format("\\x%02x", (int) c));
        } else {
          sb.append(String.format("\\u%04x", (int) c));
        }
      }
    }
  }
}
