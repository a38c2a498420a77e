package dev.stackscope.cli.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The confusable warning shared by url, dns, explain and http: names as DNS carries them (punycode,
 * a final dot), Unicode names, URLs (http's redirect targets), and names that are fine.
 */
class ConfusableNoteTest {
  @Test
  void dnsNamesInPunycodeWithTheFinalDot() {
    assertEquals(
        "whole-script confusable (Cyrillic + Latin); looks like apple.com",
        ConfusableNote.of("xn--80ak6aa92e.com."));
    assertEquals("mixed Cyrillic + Latin; looks like paypal.com", ConfusableNote.of("раураl.com"));
    assertNull(ConfusableNote.of("paypal.com."), "all-Latin ASCII");
    assertNull(ConfusableNote.of("www.bücher.de"), "all-Latin with an umlaut is fine");
    assertNull(ConfusableNote.of("xn--bcher-kva.de."), "its punycode too");
    assertNull(ConfusableNote.of(""));
  }

  @Test
  void redirectTargets() {
    assertEquals(
        "whole-script confusable (Cyrillic + Latin); looks like apple.com",
        ConfusableNote.ofUrl("https://xn--80ak6aa92e.com/login"));
    assertNull(ConfusableNote.ofUrl("https://example.com/"));
    assertNull(ConfusableNote.ofUrl("/relative/only"), "no URL, no host: no warning");
  }

  @Test
  void oneLinePerSuspiciousNameEachOnce() {
    StringWriter text = new StringWriter();
    Output out =
        new Output(
            new PrintWriter(text, true),
            new PrintWriter(new StringWriter(), true),
            RenderSettings.plain());
    ConfusableNote.lines(
        out, List.of("example.com.", "xn--80ak6aa92e.com.", "xn--80ak6aa92e.com.", "a.example."));
    assertEquals(
        "confusable: xn--80ak6aa92e.com.: whole-script confusable (Cyrillic + Latin); looks like apple.com\n",
        text.toString());
  }
}
