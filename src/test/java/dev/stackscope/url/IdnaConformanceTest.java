package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WPT's toascii.window.js and IdnaTestV2.window.js: {@code new URL("https://" + input + "/x")} has
 * host and hostname {@code output}, or fails when {@code output} is null.
 */
class IdnaConformanceTest {
  @Test
  void toAsciiJsonAllPass() throws Exception {
    List<Map<String, Object>> cases = SharedData.wptCases("toascii.json");
    assertEquals(87, cases.size());
    List<String> failures = run(cases, false);
    assertTrue(failures.isEmpty(), failures.size() + " failing:\n" + String.join("\n", failures));
  }

  @Test
  void idnaTestV2AllPass() throws Exception {
    List<Map<String, Object>> cases = SharedData.wptCases("IdnaTestV2.json");
    assertEquals(2671, cases.size());
    List<String> failures = run(cases, true);
    assertTrue(failures.isEmpty(), failures.size() + " failing:\n" + String.join("\n", failures));
  }

  private static List<String> run(List<Map<String, Object>> cases, boolean encodeHostEnders) {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> t : cases) {
      String input = (String) t.get("input");
      if (input.isEmpty()) {
        continue; // cannot be tested through the URL parser (as in WPT)
      }
      String expected = (String) t.get("output");
      String text = encodeHostEnders ? encodeHostEndingCodePoints(input) : input;
      try {
        WhatwgUrl url = WhatwgUrl.parse("https://" + text + "/x");
        if (expected == null) {
          failures.add(UrlTestDataTest.escape(input) + " must fail, got " + url.host());
        } else if (!expected.equals(url.host())
            || !expected.equals(url.hostname())
            || !url.pathname().equals("/x")
            || !url.href().equals("https://" + expected + "/x")) {
          failures.add(
              UrlTestDataTest.escape(input) + " expected " + expected + " got " + url.href());
        }
      } catch (InvalidUrlException e) {
        if (expected != null) {
          failures.add(
              UrlTestDataTest.escape(input)
                  + " expected "
                  + expected
                  + " failed: "
                  + e.getMessage());
        }
      }
    }
    return failures;
  }

  /**
   * As IdnaTestV2.window.js: ':', '/', '?', '#' and '\' are percent-encoded so the host parser sees
   * them.
   */
  private static String encodeHostEndingCodePoints(String input) {
    StringBuilder b = new StringBuilder();
    for (char c : input.toCharArray()) {
      switch (c) {
        case ':' -> b.append("%3A");
        case '/' -> b.append("%2F");
        case '?' -> b.append("%3F");
        case '#' -> b.append("%23");
        case '\\' -> b.append("%5C");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
