package dev.stackscope.url;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URL Standard's percent-encode sets (§1.3) and UTF-8 percent-encoding/decoding. Each set is a
 * bit in one 128-entry table; every code point above U+007E is in every set.
 */
public final class PercentEncoding {
  /** C0 controls and everything above U+007E. */
  public static final int C0_CONTROL = 1;

  /** C0 control set + space, ", <, >, `. */
  public static final int FRAGMENT = 2;

  /** C0 control set + space, ", #, <, >. */
  public static final int QUERY = 4;

  /** Query set + '. */
  public static final int SPECIAL_QUERY = 8;

  /** Query set + ?, ^, `, {, }. */
  public static final int PATH = 16;

  /** Path set + /, :, ;, =, @, [ to ^, |. */
  public static final int USERINFO = 32;

  /** Userinfo set + $ to &, +, ",". */
  public static final int COMPONENT = 64;

  /** Component set + !, ' to ), ~ (application/x-www-form-urlencoded). */
  public static final int FORM = 128;

  private static final int[] TABLE = new int[128];
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static {
    for (int c = 0; c < 0x20; c++) {
      TABLE[c] |= C0_CONTROL;
    }
    TABLE[0x7f] |= C0_CONTROL;
    addAll(C0_CONTROL, FRAGMENT, " \"<>`");
    addAll(C0_CONTROL, QUERY, " \"#<>");
    addAll(QUERY, SPECIAL_QUERY, "'");
    addAll(QUERY, PATH, "?^`{}");
    addAll(PATH, USERINFO, "/:;=@[\\]^|");
    addAll(USERINFO, COMPONENT, "$%&+,");
    addAll(COMPONENT, FORM, "!'()~");
  }

  private PercentEncoding() {}

  private static void addAll(int base, int set, String extra) {
    for (int c = 0; c < 128; c++) {
      if ((TABLE[c] & base) != 0) {
        TABLE[c] |= set;
      }
    }
    for (int i = 0; i < extra.length(); i++) {
      TABLE[extra.charAt(i)] |= set;
    }
  }

  /** True when the ASCII character {@code c} (< 0x80) is in {@code set}. */
  static boolean inSet(int c, int set) {
    return c >= 0x80 || (TABLE[c] & set) != 0;
  }

  /**
   * Appends the code unit at {@code s[i]} (and its low surrogate when it starts a pair; {@code s}
   * holds {@code len} chars) to {@code out}, percent-encoded when in {@code set}; returns how many
   * chars were consumed (1 or 2). A lone surrogate is encoded as U+FFFD, as a USVString would be.
   */
  static int appendEncoded(StringBuilder out, char[] s, int len, int i, int set) {
    char c = s[i];
    if (c < 0x80) {
      if ((TABLE[c] & set) != 0) {
        appendByte(out, c);
      } else {
        out.append(c);
      }
      return 1;
    }
    int cp = c;
    int used = 1;
    if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s[i + 1])) {
      cp = Character.toCodePoint(c, s[i + 1]);
      used = 2;
    } else if (Character.isSurrogate(c)) {
      cp = 0xFFFD;
    }
    appendUtf8(out, cp);
    return used;
  }

  /** UTF-8 percent-encodes all of {@code s} with {@code set}. */
  public static String encode(CharSequence s, int set) {
    char[] chars = s.toString().toCharArray();
    StringBuilder out = new StringBuilder(chars.length + 8);
    for (int i = 0; i < chars.length; ) {
      i += appendEncoded(out, chars, chars.length, i, set);
    }
    return out.toString();
  }

  private static void appendUtf8(StringBuilder out, int cp) {
    if (cp < 0x800) {
      appendByte(out, 0xC0 | (cp >> 6));
      appendByte(out, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      appendByte(out, 0xE0 | (cp >> 12));
      appendByte(out, 0x80 | ((cp >> 6) & 0x3F));
      appendByte(out, 0x80 | (cp & 0x3F));
    } else {
      appendByte(out, 0xF0 | (cp >> 18));
      appendByte(out, 0x80 | ((cp >> 12) & 0x3F));
      appendByte(out, 0x80 | ((cp >> 6) & 0x3F));
      appendByte(out, 0x80 | (cp & 0x3F));
    }
  }

  private static void appendByte(StringBuilder out, int b) {
    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
  }

  static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hexValue(int c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  }

  /** Percent-decodes {@code s} (its UTF-8 bytes) into bytes; malformed escapes stay literal. */
  public static byte[] decodeToBytes(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
        out.write(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** Percent-decodes {@code s} and decodes the bytes as UTF-8 (invalid bytes become U+FFFD). */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    return new String(decodeToBytes(s), StandardCharsets.UTF_8);
  }
}
