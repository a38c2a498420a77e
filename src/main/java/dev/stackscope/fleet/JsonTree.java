package dev.stackscope.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document read into plain values: objects as {@link Map}s (keys in order), arrays as {@link
 * List}s, strings, {@link Long} or {@link Double} numbers, booleans and null. Limits: nesting
 * depth, string and number length (Jackson's read constraints); duplicate keys are refused.
 */
final class JsonTree {
  /** Snapshots nest six levels; leave room for fields other versions add. */
  static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(1 << 20)
                  .maxNumberLength(64)
                  .build())
          .build();

  /** Not JSON, or JSON beyond the limits; the message says where. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private JsonTree() {}

  /** The one document in {@code bytes} (UTF-8); trailing content is refused. */
  static Object parse(byte[] bytes) throws Malformed {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Malformed("empty");
      }
      Object value = read(p, first);
      if (p.nextToken() != null) {
        throw new Malformed("content after the JSON document (line " + line(p) + ")");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      // Jackson's messages quote the input at length: keep the first line's gist
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int cut = m.indexOf('\n');
      m = cut < 0 ? m : m.substring(0, cut);
      if (m.length() > 160) {
        m = m.substring(0, 160) + "…";
      }
      throw new Malformed("not JSON: " + m);
    }
  }

  private static long line(JsonParser p) {
    return p.currentLocation().getLineNr();
  }

  /** Reads the value that starts with {@code token}, containers iteratively (no deep recursion). */
  private static Object read(JsonParser p, JsonToken token) throws IOException {
    // the open containers, innermost last, and the key being filled in each (objects)
    List<Object> open = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    JsonToken t = token;
    while (true) {
      if (t == null) {
        throw new IOException("the document ends early");
      }
      if (t == JsonToken.FIELD_NAME) {
        keys.set(keys.size() - 1, p.currentName());
        t = p.nextToken();
        continue;
      }
      if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        Object done = open.remove(open.size() - 1);
        keys.remove(keys.size() - 1);
        if (open.isEmpty()) {
          return done;
        }
        t = p.nextToken();
        continue;
      }
      Object value;
      boolean container = false;
      switch (t) {
        case START_OBJECT -> {
          value = new LinkedHashMap<String, Object>();
          container = true;
        }
        case START_ARRAY -> {
          value = new ArrayList<Object>();
          container = true;
        }
        case VALUE_STRING -> value = p.getText();
        case VALUE_NUMBER_INT ->
            value =
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? (Object) p.getValueAsDouble()
                    : (Object) p.getLongValue();
        case VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = null;
        default -> throw new IOException("unexpected " + t);
      }
      if (open.isEmpty() && !container) {
        return value;
      }
      if (!open.isEmpty()) {
        add(open.get(open.size() - 1), keys.get(keys.size() - 1), value);
      }
      if (container) {
        open.add(value);
        keys.add(null);
      }
      t = p.nextToken();
    }
  }

  @SuppressWarnings("unchecked")
  private static void add(Object container, String key, Object value) {
    if (container instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(key, value);
    } else {
      ((List<Object>) container).add(value);
    }
  }
}
