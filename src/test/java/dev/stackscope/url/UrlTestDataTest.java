package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WPT's urltestdata.json (url-constructor.any.js): every case must behave as in browsers. */
class UrlTestDataTest {
  private static final String[] FIELDS = {
    "href",
    "protocol",
    "username",
    "password",
    "host",
    "hostname",
    "port",
    "pathname",
    "search",
    "hash",
    "origin"
  };

  @Test
  void allCasesOfUrlTestDataPass() throws Exception {
    List<Map<String, Object>> cases = SharedData.wptCases("urltestdata.json");
    assertEquals(891, cases.size(), "urltestdata.json case count");
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> t : cases) {
      String input = (String) t.get("input");
      String baseText = (String) t.get("base");
      try {
        WhatwgUrl base = baseText == null ? null : WhatwgUrl.parse(baseText);
        WhatwgUrl url = WhatwgUrl.parse(input, base);
        if (Boolean.TRUE.equals(t.get("failure"))) {
          failures.add(show(t) + " parsed as " + url.href() + " but must fail");
          continue;
        }
        for (String f : FIELDS) {
          if (!t.containsKey(f)) {
            continue;
          }
          String actual = field(url, f);
          if (!t.get(f).equals(actual)) {
            failures.add(show(t) + " " + f + ": expected <" + t.get(f) + "> got <" + actual + ">");
          }
        }
      } catch (InvalidUrlException e) {
        if (!Boolean.TRUE.equals(t.get("failure"))) {
          failures.add(show(t) + " failed (" + e.getMessage() + ") but must parse");
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " failing:\n" + String.join("\n", failures));
  }

  static String field(WhatwgUrl url, String f) {
    return switch (f) {
      case "href" -> url.href();
      case "protocol" -> url.protocol();
      case "username" -> url.username();
      case "password" -> url.password();
      case "host" -> url.host();
      case "hostname" -> url.hostname();
      case "port" -> url.port();
      case "pathname" -> url.pathname();
      case "search" -> url.search();
      case "hash" -> url.hash();
      case "origin" -> url.origin();
      default -> throw new IllegalArgumentException(f);
    };
  }

  private static String show(Map<String, Object> t) {
    return "input=" + escape((String) t.get("input")) + " base=" + escape((String) t.get("base"));
  }

  static String escape(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
