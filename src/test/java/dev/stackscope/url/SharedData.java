package dev.stackscope.url;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared conformance data (../shared/data, or /work/shared/data), read with Jackson's streaming
 * parser.
 */
final class SharedData {
  private SharedData() {}

  /** The file's path; skips the calling test when it is absent. */
  static Path require(String relative) {
    Path repo = Path.of(System.getProperty("stackscope.repo", "."));
    Path first = repo.resolve("../shared/data").resolve(relative).normalize();
    if (Files.isRegularFile(first)) {
      return first;
    }
    Path fallback = Path.of("/work/shared/data").resolve(relative);
    Assumptions.assumeTrue(
        Files.isRegularFile(fallback),
        "conformance data absent: " + first + " (and " + fallback + ")");
    return fallback;
  }

  /** Reads a JSON document into maps, lists, strings, booleans, numbers and nulls. */
  static Object readJson(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser p = new JsonFactory().createParser(r)) {
      p.nextToken();
      return value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> {
        return p.getNumberValue();
      }
    }
  }

  /** The test objects of a WPT array file (strings in it are comments). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> wptCases(String name) throws IOException {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Object o : (List<Object>) readJson(require("wpt-url/" + name))) {
      if (o instanceof Map<?, ?> m) {
        cases.add((Map<String, Object>) m);
      }
    }
    return cases;
  }
}
