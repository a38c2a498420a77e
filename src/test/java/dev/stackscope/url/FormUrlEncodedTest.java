package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormUrlEncodedTest {
  /** WPT's urlencoded-parser-data.json: URLSearchParams parsing, pairs in order. */
  @Test
  @SuppressWarnings("unchecked")
  void urlencodedParserDataAllPass() throws Exception {
    List<Map<String, Object>> cases = SharedData.wptCases("urlencoded-parser-data.json");
    assertEquals(35, cases.size());
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> t : cases) {
      List<String> expected = new ArrayList<>();
      for (Object pair : (List<Object>) t.get("output")) {
        List<Object> kv = (List<Object>) pair;
        expected.add(kv.get(0) + "=" + kv.get(1));
      }
      List<String> actual = new ArrayList<>();
      for (FormUrlEncoded.Param p : FormUrlEncoded.parse((String) t.get("input"))) {
        actual.add(p.key() + "=" + p.value());
      }
      if (!expected.equals(actual)) {
        failures.add(
            UrlTestDataTest.escape((String) t.get("input")) + ": " + expected + " vs " + actual);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void duplicateKeysAreKeptInOrder() {
    List<FormUrlEncoded.Param> params = FormUrlEncoded.parse("a=1&b=x+y&a=%E2%9C%93&&c");
    assertEquals(
        List.of(
            new FormUrlEncoded.Param("a", "1"),
            new FormUrlEncoded.Param("b", "x y"),
            new FormUrlEncoded.Param("a", "✓"),
            new FormUrlEncoded.Param("c", "")),
        params);
    assertEquals("1", FormUrlEncoded.first("a=1&a=2", "a"));
  }
}
