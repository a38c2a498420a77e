package dev.stackscope.output;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one sanitiser for text that came from outside (process names, command lines, environment,
 * DNS data, URL parts). After {@link #clean}, a string cannot move the cursor, recolour or retitle
 * the terminal, write the clipboard (OSC 52) or reorder what is displayed: C0 controls, DEL, C1
 * controls (U+0080–U+009F, which kubectl's fix for CVE-2021-25743 missed), bidi controls, zero-width
 * and line-separator characters are shown as visible escapes. Every renderer in this package calls
 * it; commands never write untrusted text any other way.
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
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(i + 1));
        if (isUnsafeSupplementary(cp)) {
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
   * one column per character. Checked on the bytes, not char by char: this runs for every label
   * and cell, mostly in interpreted code just after the JVM started, where a loop of {@code
   * charAt} calls costs far more than one copy and a loop over an array.
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

  /** Decodes bytes as UTF-8, invalid sequences becoming U+FFFD (never an exception). */
  public static String decodeUtf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never throws", e);
    }
  }

  /** True when {@code c} needs escaping before it may reach a terminal. */
  public static boolean isUnsafe(int c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x200b && c <= 0x200f) // zero-width space/joiners, LRM, RLM
        || (c >= 0x2028 && c <= 0x202e) // line/paragraph separators, bidi embeddings and overrides
        || (c >= 0x2060 && c <= 0x2069) // word joiner, invisible operators, bidi isolates
        || c == 0x061c // Arabic letter mark
        || c == 0xfeff // zero-width no-break space / BOM
        || (c >= 0xfff9 && c <= 0xfffb); // interlinear annotation controls
  }

  private static boolean isSafeChar(char c) {
    return c >= 0x20 && c < 0x7f || (!isUnsafe(c) && !Character.isSurrogate(c));
  }

  private static boolean isUnsafeSupplementary(int cp) {
    return cp >= 0xe0000 && cp <= 0xe007f; // language tags: invisible, used to smuggle text
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
