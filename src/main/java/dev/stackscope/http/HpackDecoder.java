package dev.stackscope.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes HPACK header blocks (RFC 7541): the static and dynamic tables, integers with a prefix,
 * string literals plain or Huffman-coded. One decoder per connection: the dynamic table lives
 * across blocks. Limits: the dynamic table at most {@link #TABLE_SIZE} bytes (what stackscope
 * announces, the protocol's default), a decoded header list at most {@link #MAX_LIST} bytes
 * (counted as RFC 7541 §4.1 does, 32 per field) and {@link #MAX_FIELDS} fields.
 */
final class HpackDecoder {
  static final int TABLE_SIZE = 4096;
  static final int MAX_LIST = 64 * 1024;
  static final int MAX_FIELDS = 256;

  private static final String[][] STATIC = {
    {":authority", ""},
    {":method", "GET"},
    {":method", "POST"},
    {":path", "/"},
    {":path", "/index.html"},
    {":scheme", "http"},
    {":scheme", "https"},
    {":status", "200"},
    {":status", "204"},
    {":status", "206"},
    {":status", "304"},
    {":status", "400"},
    {":status", "404"},
    {":status", "500"},
    {"accept-charset", ""},
    {"accept-encoding", "gzip, deflate"},
    {"accept-language", ""},
    {"accept-ranges", ""},
    {"accept", ""},
    {"access-control-allow-origin", ""},
    {"age", ""},
    {"allow", ""},
    {"authorization", ""},
    {"cache-control", ""},
    {"content-disposition", ""},
    {"content-encoding", ""},
    {"content-language", ""},
    {"content-length", ""},
    {"content-location", ""},
    {"content-range", ""},
    {"content-type", ""},
    {"cookie", ""},
    {"date", ""},
    {"etag", ""},
    {"expect", ""},
    {"expires", ""},
    {"from", ""},
    {"host", ""},
    {"if-match", ""},
    {"if-modified-since", ""},
    {"if-none-match", ""},
    {"if-range", ""},
    {"if-unmodified-since", ""},
    {"last-modified", ""},
    {"link", ""},
    {"location", ""},
    {"max-forwards", ""},
    {"proxy-authenticate", ""},
    {"proxy-authorization", ""},
    {"range", ""},
    {"referer", ""},
    {"refresh", ""},
    {"retry-after", ""},
    {"server", ""},
    {"set-cookie", ""},
    {"strict-transport-security", ""},
    {"transfer-encoding", ""},
    {"user-agent", ""},
    {"vary", ""},
    {"via", ""},
    {"www-authenticate", ""},
  };

  /** Newest first, as HPACK indexes it. */
  private final ArrayDeque<Header> dynamic = new ArrayDeque<>();

  private int size;
  private int maxSize;
  private final int limit;

  HpackDecoder() {
    this(TABLE_SIZE);
  }

  /** A decoder whose table may hold {@code limit} bytes (SETTINGS_HEADER_TABLE_SIZE). */
  HpackDecoder(int limit) {
    this.limit = limit;
    this.maxSize = limit;
  }

  /** The dynamic table's entries, newest first (for tests). */
  List<Header> table() {
    return List.copyOf(dynamic);
  }

  /** The dynamic table's size in the §4.1 sense. */
  int tableSize() {
    return size;
  }

  /** Decodes one whole header block (the fragments of HEADERS and its CONTINUATIONs joined). */
  List<Header> decode(byte[] block) throws HttpProtocolException {
    List<Header> out = new ArrayList<>();
    int listSize = 0;
    int[] pos = {0};
    boolean fieldSeen = false;
    while (pos[0] < block.length) {
      int b = block[pos[0]] & 0xff;
      Header h;
      if ((b & 0x80) != 0) { // indexed field (§6.1)
        int index = integer(block, pos, 7);
        if (index == 0) {
          throw new HttpProtocolException("HPACK: index 0");
        }
        h = entry(index);
      } else if ((b & 0x40) != 0) { // literal with incremental indexing (§6.2.1)
        h = literal(block, pos, 6);
        add(h);
      } else if ((b & 0x20) != 0) { // dynamic table size update (§6.3)
        if (fieldSeen) {
          throw new HttpProtocolException("HPACK: a table size update after a field");
        }
        int max = integer(block, pos, 5);
        if (max > limit) {
          throw new HttpProtocolException(
              "HPACK: a table size of " + max + " above the " + limit + " allowed");
        }
        maxSize = max;
        evict(0);
        continue;
      } else { // literal without indexing or never indexed (§6.2.2, §6.2.3)
        h = literal(block, pos, 4);
      }
      fieldSeen = true;
      listSize += h.name().length() + h.value().length() + 32;
      if (listSize > MAX_LIST || out.size() >= MAX_FIELDS) {
        throw new HttpProtocolException(
            "the response's header list is over "
                + MAX_LIST
                + " bytes or "
                + MAX_FIELDS
                + " fields");
      }
      out.add(h);
    }
    return out;
  }

  private Header literal(byte[] block, int[] pos, int prefix) throws HttpProtocolException {
    int index = integer(block, pos, prefix);
    String name = index == 0 ? string(block, pos) : entry(index).name();
    return new Header(name, string(block, pos));
  }

  private Header entry(int index) throws HttpProtocolException {
    if (index <= STATIC.length) {
      return new Header(STATIC[index - 1][0], STATIC[index - 1][1]);
    }
    int d = index - STATIC.length - 1;
    if (d >= dynamic.size()) {
      throw new HttpProtocolException("HPACK: index " + index + " is not in the table");
    }
    Iterator<Header> it = dynamic.iterator();
    for (int i = 0; i < d; i++) {
      it.next();
    }
    return it.next();
  }

  private void add(Header h) {
    int entry = h.name().length() + h.value().length() + 32;
    if (entry > maxSize) { // §4.4: an entry larger than the table empties it
      dynamic.clear();
      size = 0;
      return;
    }
    evict(entry);
    dynamic.addFirst(h);
    size += entry;
  }

  private void evict(int room) {
    while (size + room > maxSize && !dynamic.isEmpty()) {
      Header old = dynamic.removeLast();
      size -= old.name().length() + old.value().length() + 32;
    }
  }

  /** An integer with an N-bit prefix (§5.1); at most 2^28 (a larger value is an attack). */
  static int integer(byte[] block, int[] pos, int prefix) throws HttpProtocolException {
    int max = (1 << prefix) - 1;
    int value = block[pos[0]++] & max;
    if (value < max) {
      return value;
    }
    int shift = 0;
    while (true) {
      if (pos[0] >= block.length) {
        throw new HttpProtocolException("HPACK: a header block ends inside an integer");
      }
      int b = block[pos[0]++] & 0xff;
      value += (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
      if (shift > 21) {
        throw new HttpProtocolException("HPACK: an integer above 2^28");
      }
    }
  }

  /** A string literal (§5.2), as ISO-8859-1 text (a field's bytes, as the HTTP/1.1 reader). */
  private static String string(byte[] block, int[] pos) throws HttpProtocolException {
    if (pos[0] >= block.length) {
      throw new HttpProtocolException("HPACK: a header block ends before a string");
    }
    boolean huffman = (block[pos[0]] & 0x80) != 0;
    int len = integer(block, pos, 7);
    if (len > block.length - pos[0]) {
      throw new HttpProtocolException("HPACK: a string longer than its header block");
    }
    byte[] bytes =
        huffman
            ? HpackHuffman.decode(block, pos[0], len)
            : java.util.Arrays.copyOfRange(block, pos[0], pos[0] + len);
    pos[0] += len;
    if (bytes.length > MAX_LIST) {
      throw new HttpProtocolException("HPACK: a string over " + MAX_LIST + " bytes");
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
