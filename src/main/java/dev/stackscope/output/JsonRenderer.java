package dev.stackscope.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Writes result records as JSON through Jackson's streaming generator; keys are the record
 * components' names (lowerCamelCase), so the JSON schema is the result records' shape. Maps become
 * objects, collections and arrays become arrays, enums their {@code toString()}, addresses their
 * textual form, time values ISO-8601, empty optionals {@code null}. Strings are escaped by JSON
 * rules, and C1 controls and invisible format characters are escaped as {@code \\uXXXX} too, so a
 * JSON document shown on a terminal is as safe as text output.
 *
 * <p>Documents may nest deeply: {@code tree --json} of a chain of processes is two levels per
 * process (a node and its {@code children} array), and a chain can be as long as there are PIDs.
 * Such documents are written without recursion, and pretty-printing stops indenting further past
 * {@value #MAX_INDENT_LEVEL} levels, so that the indentation of a deep document does not grow with
 * the square of its depth.
 */
public final class JsonRenderer {
  /** Pretty-printed lines are indented by two spaces per level up to this level, no further. */
  static final int MAX_INDENT_LEVEL = 32;

  /**
   * Jackson refuses to nest deeper than 1,000 levels by default. The documents here hold what was
   * read from the host, bounded by it: Linux PIDs stay below 2^22, two levels per process.
   */
  private static final int MAX_NESTING_DEPTH = 1 << 24;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamWriteConstraints(
              StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
          .build();
  private static final CharacterEscapes ESCAPES = new SafeEscapes();

  private JsonRenderer() {}

  /** Writes {@code value} as one pretty-printed JSON document followed by a newline. */
  public static void write(Object value, Writer out) {
    write(value, out, UnaryOperator.identity());
  }

  /**
   * Writes {@code value} as {@link #write(Object, Writer)} does, each value inside it first passed
   * through {@code words} (which may replace a result's data by its sentence).
   */
  public static void write(Object value, Writer out, UnaryOperator<Object> words) {
    write(value, out, true, words);
  }

  private static JsonGenerator pretty(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.setCharacterEscapes(ESCAPES);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    pp.indentArraysWith(new CappedIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));
    pp.indentObjectsWith(new CappedIndenter(new DefaultIndenter("  ", "\n")));
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
        writeValue(g, element, UnaryOperator.identity());
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
    write(value, out, false, UnaryOperator.identity());
  }

  private static void write(Object value, Writer out, boolean pretty, UnaryOperator<Object> words) {
    try {
      JsonGenerator g;
      if (pretty) {
        g = pretty(out);
      } else {
        g = FACTORY.createGenerator(out);
        g.setCharacterEscapes(ESCAPES);
      }
      writeValue(g, value, words);
      g.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code root} depth first with an explicit stack of the objects and arrays being written:
   * a process tree can be as deep as there are PIDs, deeper than a thread's stack.
   */
  private static void writeValue(JsonGenerator g, Object root, UnaryOperator<Object> words)
      throws IOException {
    ArrayDeque<Container> open = new ArrayDeque<>();
    Object v = root;
    while (true) {
      Container c = writeScalarOrOpen(g, words.apply(v));
      if (c != null) {
        open.push(c);
      }
      Container top = open.peek();
      while (top != null && !top.hasNext()) {
        top.end(g);
        open.pop();
        top = open.peek();
      }
      if (top == null) {
        return;
      }
      v = top.next(g);
    }
  }

  /** Writes a scalar, or starts an object or array and returns what fills it. */
  private static Container writeScalarOrOpen(JsonGenerator g, Object value) throws IOException {
    Object v = unwrap(value);
    if (v == null) {
      g.writeNull();
    } else if (v instanceof CharSequence s) {
      g.writeString(s.toString());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      writeDouble(g, d);
    } else if (v instanceof Float f) {
      writeDouble(g, f.doubleValue());
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (v instanceof Record r) {
      g.writeStartObject();
      return new RecordFields(r);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      return new MapEntries(m.entrySet().iterator());
    } else if (v instanceof Iterable<?> it) {
      g.writeStartArray();
      return new Elements(it.iterator());
    } else if (v.getClass().isArray()) {
      g.writeStartArray();
      return new ArrayElements(v);
    } else if (v instanceof InetAddress a) {
      g.writeString(dev.stackscope.ip.IpAddress.text(a));
    } else if (v instanceof TemporalAccessor || v instanceof Enum<?>) {
      g.writeString(v.toString());
    } else if (v instanceof Text t) {
      g.writeString(t.plain());
    } else {
      g.writeString(v.toString());
    }
    return null;
  }

  /** Indents as {@code inner} does, but no deeper than {@link #MAX_INDENT_LEVEL}. */
  private record CappedIndenter(DefaultPrettyPrinter.Indenter inner)
      implements DefaultPrettyPrinter.Indenter {
    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
      inner.writeIndentation(g, Math.min(level, MAX_INDENT_LEVEL));
    }

    @Override
    public boolean isInline() {
      return inner.isInline();
    }
  }

  /** An empty optional is null, a present one its value. */
  private static Object unwrap(Object v) {
    if (v instanceof Optional<?> o) {
      return o.orElse(null);
    } else if (v instanceof OptionalInt o) {
      return o.isPresent() ? o.getAsInt() : null;
    } else if (v instanceof OptionalLong o) {
      return o.isPresent() ? o.getAsLong() : null;
    } else if (v instanceof OptionalDouble o) {
      return o.isPresent() ? o.getAsDouble() : null;
    }
    return v;
  }

  /** An object or array being written: its next value (after its key, for an object). */
  private abstract static class Container {
    abstract boolean hasNext();

    /** Writes the next key (objects) and returns the value to write. */
    abstract Object next(JsonGenerator g) throws IOException;

    abstract void end(JsonGenerator g) throws IOException;
  }

  private abstract static class ObjectContainer extends Container {
    @Override
    void end(JsonGenerator g) throws IOException {
      g.writeEndObject();
    }
  }

  private abstract static class ArrayContainer extends Container {
    @Override
    void end(JsonGenerator g) throws IOException {
      g.writeEndArray();
    }
  }

  private static final class RecordFields extends ObjectContainer {
    private final Record record;
    private final RecordComponent[] components;
    private int next;

    RecordFields(Record record) {
      this.record = record;
      this.components = record.getClass().getRecordComponents();
    }

    @Override
    boolean hasNext() {
      return next < components.length;
    }

    @Override
    Object next(JsonGenerator g) throws IOException {
      RecordComponent c = components[next++];
      g.writeFieldName(c.getName());
      try {
        var accessor = c.getAccessor();
        accessor.setAccessible(true);
        return accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "cannot read " + c.getName() + " of " + record.getClass(), e);
      }
    }
  }

  private static final class MapEntries extends ObjectContainer {
    private final Iterator<? extends Map.Entry<?, ?>> entries;

    MapEntries(Iterator<? extends Map.Entry<?, ?>> entries) {
      this.entries = entries;
    }

    @Override
    boolean hasNext() {
      return entries.hasNext();
    }

    @Override
    Object next(JsonGenerator g) throws IOException {
      Map.Entry<?, ?> e = entries.next();
      g.writeFieldName(String.valueOf(e.getKey()));
      return e.getValue();
    }
  }

  private static final class Elements extends ArrayContainer {
    private final Iterator<?> elements;

    Elements(Iterator<?> elements) {
      this.elements = elements;
    }

    @Override
    boolean hasNext() {
      return elements.hasNext();
    }

    @Override
    Object next(JsonGenerator g) {
      return elements.next();
    }
  }

  private static final class ArrayElements extends ArrayContainer {
    private final Object array;
    private final int length;
    private int next;

    ArrayElements(Object array) {
      this.array = array;
      this.length = Array.getLength(array);
    }

    @Override
    boolean hasNext() {
      return next < length;
    }

    @Override
    Object next(JsonGenerator g) {
      return Array.get(array, next++);
    }
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeNull();
    } else {
      g.writeNumber(d);
    }
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
