package dev.stackscope.cli.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.dns.Validation;
import dev.stackscope.output.JsonRenderer;
import dev.stackscope.testing.CliRunner;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The DNSSEC status is an enum in the domain (issue 15, item 4); the text view chooses its words,
 * and they are the words the JSON has always carried ("secure", "insecure", "bogus",
 * "indeterminate").
 */
class ValidationStatusWordsTest {
  @Test
  void textWordsAndJsonAgreeForEveryStatus() {
    for (Validation.Status s : Validation.Status.values()) {
      StringWriter json = new StringWriter();
      JsonRenderer.write(new Validation(s, "example.", null), json);
      String word = TraceView.statusWord(s);
      assertEquals(word, CliRunner.parseJson(json.toString()).get("status").asText());
      assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), word);
    }
    assertEquals("bogus", TraceView.statusWord(Validation.Status.BOGUS));
    assertEquals("secure", TraceView.statusWord(Validation.Status.SECURE));
  }
}
