package dev.stackscope.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
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
    assertEquals("\\u009b31mx\\u009d0;title\\u009c", Sanitizer.clean("\u009b31mx\u009d0;title\u009c"));
    assertEquals("\\u0085", Sanitizer.clean("\u0085"));
  }

  @Test
  void bidiAndInvisibleFormatCharactersAreEscaped() {
    assertEquals("evil\\u202egnp.exe", Sanitizer.clean("evil\u202egnp.exe"));
    assertEquals("\\u2066a\\u2069\\u200b\\ufeff", Sanitizer.clean("\u2066a\u2069\u200b\ufeff"));
    assertEquals("\\u2028", Sanitizer.clean("\u2028"));
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertEquals("a\uFFFDb", Sanitizer.clean("a\uD800b"));
    assertEquals("😀", Sanitizer.clean("😀"));
  }

  @Test
  void invalidUtf8DecodesToReplacementCharacters() {
    byte[] bytes = {'o', 'k', (byte) 0xff, (byte) 0xc3, '(', 'x'};
    assertEquals("ok\uFFFD\uFFFD(x", Sanitizer.decodeUtf8(bytes, 0, bytes.length));
    byte[] good = "héllo".getBytes(StandardCharsets.UTF_8);
    assertEquals("héllo", Sanitizer.decodeUtf8(good, 0, good.length));
  }

  @Test
  void nullIsEmpty() {
    assertEquals("", Sanitizer.clean(null));
  }
}
