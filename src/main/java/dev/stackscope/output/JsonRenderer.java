package dev.stackscope.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Writes result records as JSON through Jackson's streaming generator; keys are the record
 * components' names (lowerCamelCase), so the JSON schema is the result records' shape. Maps become
 * objects, collections and arrays become arrays, enums their {@code toString()}, addresses their
 * textual form, time values ISO-8601, empty optionals {@code null}. Strings are escaped by JSON
 * rules, and C1 controls and invisible format characters are escaped as {@code \\uXXXX} too, so a
 * JSON document shown on a terminal is as safe as text output.
 */
public final class JsonRenderer {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final CharacterEscapes ESCAPES = new SafeEscapes();

  private JsonRenderer() {}

  /** Writes {@code value} as one pretty-printed JSON document followed by a newline. */
  public static void write(Object value, Writer out) {
    try {
      JsonGenerator g = pretty(out);
      writeValue(g, value);
      g.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonGenerator pretty(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.setCharacterEscapes(ESCAPES);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
    g.setPrettyPrinter(pp);
    return g;
  }

  /**
   * A JSON array written one element at a time, byte for byte as {@link #write} writes the whole
   * list: a stream of any length in flat memory with the same layout as a small result.
   */
  public static final class ArrayWriter {
    private final JsonGenerator g;
    private final Writer out;

    ArrayWriter(Writer out) throws IOException {
      this.out = out;
      this.g = pretty(out);
      g.writeStartArray();
    }

    public void add(Object element) {
      try {
        writeValue(g, element);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Ends the array and the document's line, and flushes. */
    public void close() {
      try {
        g.writeEndArray();
        g.flush();
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Starts a JSON array on {@code out} (see {@link ArrayWriter}). */
  public static ArrayWriter array(Writer out) {
    try {
      return new ArrayWriter(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} as compact JSON on one line (for streams of documents). */
  public static void writeLine(Object value, Writer out) {
    try {
      JsonGenerator g = FACTORY.createGenerator(out);
      g.setCharacterEscapes(ESCAPES);
      writeValue(g, value);
      g.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof CharSequence s) {
      g.writeString(s.toString());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      writeDouble(g, d);
    } else if (v instanceof Float f) {
      writeDouble(g, f.doubleValue());
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (v instanceof Optional<?> o) {
      writeValue(g, o.orElse(null));
    } else if (v instanceof OptionalInt o) {
      writeValue(g, o.isPresent() ? o.getAsInt() : null);
    } else if (v instanceof OptionalLong o) {
      writeValue(g, o.isPresent() ? o.getAsLong() : null);
    } else if (v instanceof OptionalDouble o) {
      writeValue(g, o.isPresent() ? o.getAsDouble() : null);
    } else if (v instanceof Record r) {
      writeRecord(g, r);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Iterable<?> it) {
      g.writeStartArray();
      for (Object o : it) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v.getClass().isArray()) {
      g.writeStartArray();
      int n = Array.getLength(v);
      for (int i = 0; i < n; i++) {
        writeValue(g, Array.get(v, i));
      }
      g.writeEndArray();
    } else if (v instanceof InetAddress a) {
      g.writeString(dev.stackscope.ip.IpAddress.text(a));
    } else if (v instanceof TemporalAccessor || v instanceof Enum<?>) {
      g.writeString(v.toString());
    } else if (v instanceof Text t) {
      g.writeString(t.plain());
    } else {
      g.writeString(v.toString());
    }
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeNull();
    } else {
      g.writeNumber(d);
    }
  }

  private static void writeRecord(JsonGenerator g, Record r) throws IOException {
    g.writeStartObject();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      g.writeFieldName(c.getName());
      Object value;
      try {
        var accessor = c.getAccessor();
        accessor.setAccessible(true);
        value = accessor.invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
      }
      writeValue(g, value);
    }
    g.writeEndObject();
  }

  /** JSON's own escapes, plus C1 controls and invisible format characters as \\uXXXX. */
  private static final class SafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();

    SafeEscapes() {
      asciiEscapes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // Called for non-ASCII UTF-16 units only, one half of a surrogate pair at a time, so a
      // character outside the BMP cannot be judged here: every surrogate is escaped (\\uD83D\\uDE00
      // decodes to the same string) and no tag or other supplementary default-ignorable reaches a
      // terminal raw. Null leaves the character as it is.
      return Sanitizer.isUnsafe(ch) || Character.isSurrogate((char) ch)
          ? new SerializedString(String.format("\\u%04X", ch))
          : null;
    }
  }
}
