package dev.stackscope.url;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.util.ICUInputTooLongException;
import java.util.Locale;

/**
 * UTS #46 processing as the URL Standard asks for it ("domain to ASCII" with CheckHyphens=false,
 * CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false, Transitional_Processing=false,
 * VerifyDnsLength=false). An ASCII domain is only lowercased: the Standard (and WPT since 2025) no
 * longer validates ASCII input, {@code xn--} labels included. So only non-ASCII domains load ICU4J,
 * and plain URLs never pay for its start-up.
 */
public final class Idna {
  private Idna() {}

  /** ICU's errors that the Standard's options switch off (hyphen and DNS-length checks). */
  private static final class Icu {
    static final IDNA UTS46 =
        IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII
                | IDNA.NONTRANSITIONAL_TO_UNICODE
                | IDNA.CHECK_BIDI
                | IDNA.CHECK_CONTEXTJ);
    static final java.util.EnumSet<IDNA.Error> IGNORED =
        java.util.EnumSet.of(
            IDNA.Error.EMPTY_LABEL,
            IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG,
            IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN,
            IDNA.Error.HYPHEN_3_4);
  }

  /** True when {@code domain} can skip UTS #46: ASCII, and no label starts with "xn--". */
  static boolean isPlainAscii(CharSequence domain) {
    int n = domain.length();
    boolean labelStart = true;
    for (int i = 0; i < n; i++) {
      char c = domain.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      if (labelStart
          && (c == 'x' || c == 'X')
          && i + 3 < n
          && (domain.charAt(i + 1) | 0x20) == 'n'
          && domain.charAt(i + 2) == '-'
          && domain.charAt(i + 3) == '-') {
        return false;
      }
      labelStart = c == '.';
    }
    return true;
  }

  static boolean isAscii(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** UTS #46 ToASCII with the URL Standard's options, or null on failure. */
  public static String toAscii(String domain) {
    if (isAscii(domain)) {
      return lowerAscii(domain);
    }
    try {
      IDNA.Info info = new IDNA.Info();
      StringBuilder out = Icu.UTS46.nameToASCII(domain, new StringBuilder(), info);
      if (hasErrors(info)) {
        return null;
      }
      String result = out.toString();
      // CheckHyphens=false still forbids a label that decodes to something starting with "xn--".
      if (result.contains("xn--")) {
        IDNA.Info back = new IDNA.Info();
        StringBuilder unicode = Icu.UTS46.nameToUnicode(result, new StringBuilder(), back);
        for (String label : unicode.toString().split("\\.", -1)) {
          if (label.regionMatches(true, 0, "xn--", 0, 4)) {
            return null;
          }
        }
      }
      return result;
    } catch (ICUInputTooLongException e) {
      // ICU refuses to Punycode-encode or decode a label longer than 1000 UTF-16 units (its guard
      // against quadratic work). The Standard sets no such limit (Node's Ada encodes it), but no
      // DNS name can hold such a label: the host is refused as a domain-to-ASCII failure.
      return null;
    }
  }

  /** UTS #46 ToUnicode for display; returns {@code domain} itself when nothing changes. */
  public static String toUnicode(String domain) {
    if (isPlainAscii(domain)) {
      return domain;
    }
    try {
      IDNA.Info info = new IDNA.Info();
      return Icu.UTS46.nameToUnicode(domain, new StringBuilder(), info).toString();
    } catch (ICUInputTooLongException e) {
      return domain; // a label ICU will not decode (over 1000 units) is shown as it is
    }
  }

  private static boolean hasErrors(IDNA.Info info) {
    if (!info.hasErrors()) {
      return false;
    }
    for (IDNA.Error e : info.getErrors()) {
      if (!Icu.IGNORED.contains(e)) {
        return true;
      }
    }
    return false;
  }

  static String lowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }
}
