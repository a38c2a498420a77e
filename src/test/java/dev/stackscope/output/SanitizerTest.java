package dev.stackscope.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SanitizerTest {
  @Test
  void plainTextIsUntouched() {
    String s = "nginx: master process /usr/sbin/nginx -g daemon on; — π 日本";
    assertEquals(s, Sanitizer.clean(s));
  }

  @Test
  void c0ControlsAndDelAreEscaped() {
    assertEquals("a\\x1b[31mred\\x07b\\x7f", Sanitizer.clean("a\u001b[31mred\u0007b\u007f"));
    assertEquals("line1\\nline2\\tx\\r", Sanitizer.clean("line1\nline2\tx\r"));
  }

  @Test
  void osc52ClipboardWriteCannotReachTheTerminal() {
    String attack = "sleep 100 \u001b]52;c;ZWNobyBwd25lZA==\u0007";
    String clean = Sanitizer.clean(attack);
    assertFalse(clean.chars().anyMatch(c -> c < 0x20 || c == 0x7f), clean);
    assertEquals("sleep 100 \\x1b]52;c;ZWNobyBwd25lZA==\\x07", clean);
  }

  @Test
  void c1ControlsAreEscaped() {
    // U+009B is a one-character CSI on terminals that honour C1; U+009D is OSC.
    assertEquals(
        "\\u009b31mx\\u009d0;title\\u009c", Sanitizer.clean("\u009b31mx\u009d0;title\u009c"));
    assertEquals("\\u0085", Sanitizer.clean("\u0085"));
  }

  @Test
  void bidiAndInvisibleFormatCharactersAreEscaped() {
    assertEquals("evil\\u202egnp.exe", Sanitizer.clean("evil\u202egnp.exe"));
    assertEquals("\\u2066a\\u2069\\u200b\\ufeff", Sanitizer.clean("\u2066a\u2069\u200b\ufeff"));
    assertEquals("\\u2028", Sanitizer.clean("\u2028"));
  }

  @Test
  void invisibleAndLookAlikeDefaultIgnorablesAreEscaped() {
    // Soft hyphen, Mongolian vowel separator, combining grapheme joiner, Khmer inherent vowel,
    // Hangul filler, variation selector 16: each passed through raw before.
    assertEquals(
        "a\\u00adb\\u180ec\\u034fd\\u17b4e\\u3164f\\ufe0f",
        Sanitizer.clean("a\u00adb\u180ec\u034fd\u17b4e\u3164f\ufe0f"));
    assertEquals("x\\u{e0041}\\u{e0100}y", Sanitizer.clean("x\uDB40\uDC41\uDB40\uDD00y"));
  }

  /** What must never reach a terminal: ICU's view of C0/C1/DEL, bidi and default-ignorables. */
  private static boolean mustBeEscaped(int cp) {
    return UCharacter.getType(cp) == UCharacter.CONTROL
        || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL)
        || cp == 0x2028
        || cp == 0x2029;
  }

  @Test
  void everyCodePointIsJudgedAsUnicodeSaysAndNothingUnsafeSurvives() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        continue;
      }
      boolean expected = mustBeEscaped(cp) || (cp >= 0xfff9 && cp <= 0xfffb);
      int c = cp;
      assertEquals(expected, Sanitizer.isUnsafe(cp), () -> String.format("U+%04X", c));
      String in = "a" + new String(Character.toChars(cp)) + "b";
      String once = Sanitizer.clean(in);
      if (expected) {
        assertSafe(once);
        assertEquals(once, Sanitizer.clean(once));
      } else {
        assertEquals(in, once); // kept as it is, so also safe and idempotent
      }
    }
  }

  @Test
  void cleaningIsIdempotentOnMixedText() {
    Random random = new Random(14);
    int[] pool = {
      0x1b, 0x07, 0x7f, 0x9b, 0x202e, 0x200b, 0xad, 0xfe0f, 0xd800, 0xdc00, 0xe0041, 0x1f600, '\\',
      'u', 'x', '{', '1', 'b', ']', ';', 'a', 0xe9, 0x65e5
    };
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      String once = Sanitizer.clean(sb.toString());
      assertSafe(once);
      assertEquals(once, Sanitizer.clean(once), once);
    }
  }

  private static void assertSafe(String s) {
    s.codePoints()
        .forEach(
            cp -> {
              if (mustBeEscaped(cp) || Character.isSurrogate((char) cp) && cp <= 0xffff) {
                throw new AssertionError(String.format("U+%04X survived in %s", cp, s));
              }
            });
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertEquals("a\uFFFDb", Sanitizer.clean("a\uD800b"));
    assertEquals("😀", Sanitizer.clean("😀"));
  }

  @Test
  void nullIsEmpty() {
    assertEquals("", Sanitizer.clean(null));
  }
}
