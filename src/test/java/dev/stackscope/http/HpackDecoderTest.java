package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7541 Appendix C, decoded in order with one decoder per sequence. */
class HpackDecoderTest {
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static List<Header> fields(String... nameValue) {
    List<Header> out = new ArrayList<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      out.add(new Header(nameValue[i], nameValue[i + 1]));
    }
    return out;
  }

  @Test
  void c2SingleRepresentations() throws Exception {
    HpackDecoder d = new HpackDecoder();
    assertEquals(
        fields("custom-key", "custom-header"),
        d.decode(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572")));
    assertEquals(55, d.tableSize());
    HpackDecoder n = new HpackDecoder();
    assertEquals(
        fields(":path", "/sample/path"), n.decode(hex("040c 2f73 616d 706c 652f 7061 7468")));
    assertEquals(0, n.tableSize(), "a literal without indexing is not added");
    assertEquals(
        fields("password", "secret"), n.decode(hex("1008 7061 7373 776f 7264 0673 6563 7265 74")));
    assertEquals(0, n.tableSize(), "never indexed is not added");
    assertEquals(fields(":method", "GET"), n.decode(hex("82")));
  }

  private static final List<Header> REQ1 =
      fields(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com");
  private static final List<Header> REQ2 =
      fields(
          ":method",
          "GET",
          ":scheme",
          "http",
          ":path",
          "/",
          ":authority",
          "www.example.com",
          "cache-control",
          "no-cache");
  private static final List<Header> REQ3 =
      fields(
          ":method",
          "GET",
          ":scheme",
          "https",
          ":path",
          "/index.html",
          ":authority",
          "www.example.com",
          "custom-key",
          "custom-value");

  @Test
  void c3RequestsWithoutHuffman() throws Exception {
    HpackDecoder d = new HpackDecoder();
    assertEquals(REQ1, d.decode(hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d")));
    assertEquals(57, d.tableSize());
    assertEquals(REQ2, d.decode(hex("8286 84be 5808 6e6f 2d63 6163 6865")));
    assertEquals(110, d.tableSize());
    assertEquals(
        REQ3,
        d.decode(hex("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")));
    assertEquals(164, d.tableSize());
    assertEquals(
        fields(
            "custom-key",
            "custom-value",
            "cache-control",
            "no-cache",
            ":authority",
            "www.example.com"),
        d.table());
  }

  @Test
  void c4RequestsWithHuffman() throws Exception {
    HpackDecoder d = new HpackDecoder();
    assertEquals(REQ1, d.decode(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff")));
    assertEquals(REQ2, d.decode(hex("8286 84be 5886 a8eb 1064 9cbf")));
    assertEquals(
        REQ3, d.decode(hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf")));
    assertEquals(164, d.tableSize());
  }

  private static final List<Header> RESP1 =
      fields(
          ":status",
          "302",
          "cache-control",
          "private",
          "date",
          "Mon, 21 Oct 2013 20:13:21 GMT",
          "location",
          "https://www.example.com");
  private static final List<Header> RESP2 =
      fields(
          ":status",
          "307",
          "cache-control",
          "private",
          "date",
          "Mon, 21 Oct 2013 20:13:21 GMT",
          "location",
          "https://www.example.com");
  private static final List<Header> RESP3 =
      fields(
          ":status",
          "200",
          "cache-control",
          "private",
          "date",
          "Mon, 21 Oct 2013 20:13:22 GMT",
          "location",
          "https://www.example.com",
          "content-encoding",
          "gzip",
          "set-cookie",
          "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");

  @Test
  void c5ResponsesWithoutHuffmanEvictFromASmallTable() throws Exception {
    HpackDecoder d = new HpackDecoder(256);
    assertEquals(
        RESP1,
        d.decode(
            hex(
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230"
                    + " 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777"
                    + " 2e65 7861 6d70 6c65 2e63 6f6d")));
    assertEquals(222, d.tableSize());
    assertEquals(RESP2, d.decode(hex("4803 3330 37c1 c0bf")));
    assertEquals(222, d.tableSize());
    assertEquals(
        RESP3,
        d.decode(
            hex(
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220"
                    + " 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f"
                    + " 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630"
                    + " 303b 2076 6572 7369 6f6e 3d31")));
    assertEquals(215, d.tableSize());
    assertEquals(3, d.table().size());
  }

  @Test
  void c6ResponsesWithHuffman() throws Exception {
    HpackDecoder d = new HpackDecoder(256);
    assertEquals(
        RESP1,
        d.decode(
            hex(
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0"
                    + " 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3")));
    assertEquals(RESP2, d.decode(hex("4883 640e ffc1 c0bf")));
    assertEquals(
        RESP3,
        d.decode(
            hex(
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b"
                    + " d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1"
                    + " ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07")));
    assertEquals(215, d.tableSize());
  }

  @Test
  void huffmanRoundTripsEveryByteAndKnowsItsCodes() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    byte[] coded = HpackHuffman.encode(all);
    assertArrayEquals(all, HpackHuffman.decode(coded, 0, coded.length));
    // codes from RFC 7541 Appendix B
    assertEquals(0x1ff8, HpackHuffman.CODES[0]);
    assertEquals(13, HpackHuffman.LENGTH[0]);
    assertEquals(0x5c, HpackHuffman.CODES[':']);
    assertEquals(0x7fff0, HpackHuffman.CODES['\\']);
    assertEquals(0x3ffffee, HpackHuffman.CODES[255]);
    assertEquals(0x3fffffff, HpackHuffman.CODES[HpackHuffman.EOS]);
    assertEquals(30, HpackHuffman.LENGTH[HpackHuffman.EOS]);
  }

  @Test
  void malformedBlocksAreErrorsNotCrashes() {
    for (String bad :
        List.of(
            "80", // index 0
            "be", // dynamic index 62 in an empty table
            "ff ff ff ff ff 0f", // an integer above 2^28
            "ff", // ends inside an integer
            "400a 6375", // a string longer than its block
            "4081 ff", // Huffman padding longer than 7 bits (EOS prefix of 8 ones)
            "4081 00", // Huffman padding that is not ones
            "4084 ffff ffff", // an EOS inside a string
            "82 20", // a table size update after a field
            "3fe2 1f")) { // a table size update to 4097, above the limit
      assertThrows(
          HttpProtocolException.class, () -> new HpackDecoder().decode(hex(bad)), () -> bad);
    }
  }

  @Test
  void aHeaderListOverTheLimitIsAnError() {
    byte[] value = new byte[1000];
    java.util.Arrays.fill(value, (byte) 'a');
    java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 70; i++) {
      block.write(0);
      Http2Exchange.integer(block, 0, 7, 1);
      block.write('x');
      Http2Exchange.integer(block, 0, 7, value.length);
      block.writeBytes(value);
    }
    HttpProtocolException e =
        assertThrows(
            HttpProtocolException.class, () -> new HpackDecoder().decode(block.toByteArray()));
    assertEquals(true, e.getMessage().contains("header list"), e.getMessage());
  }

  @Test
  void theRequestEncoderIsReadBackByTheDecoder() throws Exception {
    byte[] block =
        Http2Exchange.encode(
            "GET",
            "https",
            "example.test",
            "/a?b",
            fields(
                "Host",
                "example.test",
                "Connection",
                "close",
                "Accept",
                "*/*",
                "X-Long",
                "v".repeat(300)));
    assertEquals(
        fields(
            ":method",
            "GET",
            ":scheme",
            "https",
            ":authority",
            "example.test",
            ":path",
            "/a?b",
            "accept",
            "*/*",
            "x-long",
            "v".repeat(300)),
        new HpackDecoder().decode(block));
  }
}
