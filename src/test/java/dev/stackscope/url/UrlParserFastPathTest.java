package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path for simple absolute URLs must agree with the full state machine wherever it
 * applies.
 */
class UrlParserFastPathTest {
  @Test
  void fastPathAgreesWithTheStateMachine() throws Exception {
    List<String> inputs = new ArrayList<>();
    for (String[] c : UrlCorpus.generate(new Random(7), 3000)) {
      inputs.add(c[0]);
    }
    inputs.addAll(UrlCorpus.realistic(new Random(11), 5000));
    for (Map<String, Object> t : SharedData.wptCases("urltestdata.json")) {
      inputs.add((String) t.get("input"));
    }
    inputs.addAll(
        List.of(
            "https://example.com",
            "https://example.com:443/a?b#c",
            "http://a.b:8080?x",
            "http://a.b#f",
            "wss://x.y/a/b/c/",
            "ftp://h:21/",
            "http://h:00080/",
            "https://h/a/./b",
            "https://h/..",
            "http://h/a|b[c]",
            "http://h/?q'x",
            "http://1.2.3.4/",
            "http://h.0x1/"));
    int fast = 0;
    UrlParser parser = new UrlParser();
    for (String input : inputs) {
      WhatwgUrl f = UrlParser.simpleAbsolute(input);
      if (f == null) {
        continue;
      }
      fast++;
      WhatwgUrl slow = parser.runStateMachine(input, null, ValidationLog.DISCARD);
      assertEquals(slow.href(), f.href(), input);
      assertEquals(slow.host(), f.host(), input);
      assertEquals(slow.pathname(), f.pathname(), input);
      assertEquals(slow.query(), f.query(), input);
      assertEquals(slow.fragment(), f.fragment(), input);
      assertEquals(slow.hostRecord(), f.hostRecord(), input);
      assertEquals(slow.portNumber(), f.portNumber(), input);
    }
    assertTrue(fast > 2000, "the fast path must see use: " + fast);
  }

  @Test
  void fastPathDeclinesWhatNeedsTheMachine() {
    assertNotNull(UrlParser.simpleAbsolute("https://example.com/a?b#c"));
    for (String s :
        new String[] {
          "HTTPS://example.com/",
          "https://Example.com/",
          "https://u@h/",
          "https://h/%41",
          "https://h/./a",
          "https://1.2.3.4/",
          "https://h/a b",
          "https://h:99999/",
          " https://h/",
          "https://h\\a",
          "https://[::1]/",
          "https://bücher.de/",
          "postgres://h/"
        }) {
      assertNull(UrlParser.simpleAbsolute(s), s);
    }
  }
}
