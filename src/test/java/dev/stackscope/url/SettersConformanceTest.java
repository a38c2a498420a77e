package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WPT's setters_tests.json (url-setters.any.js): for every setter, every case must leave the URL
 * exactly as in browsers. Read from ../shared/data; the test skips when the data is absent.
 */
class SettersConformanceTest {
  @Test
  @SuppressWarnings("unchecked")
  void everySetterCaseOfWptPasses() throws Exception {
    Map<String, Object> data =
        (Map<String, Object>) SharedData.readJson(SharedData.require("wpt-url/setters_tests.json"));
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (Map.Entry<String, Object> setter : data.entrySet()) {
      if (setter.getKey().equals("comment")) {
        continue;
      }
      UrlComponent component = UrlComponent.byName(setter.getKey());
      assertEquals(setter.getKey(), component.jsName(), "a setter of the URL API");
      for (Object o : (List<Object>) setter.getValue()) {
        Map<String, Object> t = (Map<String, Object>) o;
        count++;
        String href = (String) t.get("href");
        String value = (String) t.get("new_value");
        WhatwgUrl url = UrlSetters.set(WhatwgUrl.parse(href), component, value).url();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) t.get("expected")).entrySet()) {
          String actual = UrlTestDataTest.field(url, e.getKey());
          if (!e.getValue().equals(actual)) {
            failures.add(
                setter.getKey()
                    + " = "
                    + UrlTestDataTest.escape(value)
                    + " on "
                    + UrlTestDataTest.escape(href)
                    + ": "
                    + e.getKey()
                    + " expected <"
                    + e.getValue()
                    + "> got <"
                    + actual
                    + ">");
          }
        }
      }
    }
    assertTrue(count >= 270, "setters_tests.json holds its cases (" + count + ")");
    assertTrue(failures.isEmpty(), failures.size() + " failing:\n" + String.join("\n", failures));
  }
}
