package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StunMessageTest {
  static byte[] fixture(String name) throws IOException {
    try (InputStream in = StunMessageTest.class.getResourceAsStream(name)) {
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.startsWith("#")) {
          hex.append(line.replaceAll("\\s+", ""));
        }
      }
      return HexFormat.of().parseHex(hex);
    }
  }

  @Test
  void parsesTheRfc5769Ipv4SampleResponse() throws Exception {
    byte[] m = fixture("rfc5769-ipv4-response.hex");
    StunMessage.Response r = StunMessage.parse(m, m.length);
    assertEquals(StunMessage.BINDING_SUCCESS, r.type());
    assertEquals("192.0.2.1:32853", r.mapped().toString());
    assertEquals("test vector", r.software());
    assertNull(r.otherAddress());
  }

  @Test
  void parsesTheRfc5769Ipv6SampleResponse() throws Exception {
    byte[] m = fixture("rfc5769-ipv6-response.hex");
    StunMessage.Response r = StunMessage.parse(m, m.length);
    assertEquals("[2001:db8:1234:5678:11:2233:4455:6677]:32853", r.xorMappedAddress().toString());
  }

  @Test
  void answersMatchesTheTransactionIdOnly() throws Exception {
    byte[] m = fixture("rfc5769-ipv4-response.hex");
    byte[] tx = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
    assertTrue(StunMessage.answers(m, m.length, tx));
    tx[11] ^= 1;
    assertEquals(false, StunMessage.answers(m, m.length, tx));
  }

  @Test
  void bindingRequestHasHeaderCookieAndChangeRequest() {
    byte[] tx = new byte[12];
    tx[0] = 7;
    byte[] plain = StunMessage.bindingRequest(tx, false, false);
    assertEquals(20, plain.length);
    assertEquals(0x0001, ByteBuffer.wrap(plain).getShort(0));
    assertEquals(StunMessage.MAGIC_COOKIE, ByteBuffer.wrap(plain).getInt(4));
    byte[] change = StunMessage.bindingRequest(tx, true, true);
    assertEquals(28, change.length);
    assertArrayEquals(
        HexFormat.of().parseHex("0003000400000006"), java.util.Arrays.copyOfRange(change, 20, 28));
    assertEquals(2, StunMessage.bindingRequest(tx, false, true)[27]);
  }

  @Test
  void oldServersMappedAddressAndChangedAddressAreUnderstood() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(20 + 12 + 12);
    b.putShort((short) 0x0101)
        .putShort((short) 24)
        .putInt(StunMessage.MAGIC_COOKIE)
        .put(new byte[12]);
    b.putShort((short) 0x0001)
        .putShort((short) 8)
        .put(new byte[] {0, 1, 0x0d, (byte) 0x96, 10, 0, 0, 1});
    b.putShort((short) 0x0005)
        .putShort((short) 8)
        .put(new byte[] {0, 1, 0x0d, (byte) 0x97, 10, 0, 0, 2});
    StunMessage.Response r = StunMessage.parse(b.array(), b.capacity());
    assertEquals("10.0.0.1:3478", r.mapped().toString());
    assertEquals("10.0.0.2:3479", r.otherAddress().toString());
  }

  @Test
  void malformedResponsesSayWhatIsWrong() throws Exception {
    byte[] good = fixture("rfc5769-ipv4-response.hex");
    assertMalformed("shorter than the 20-byte header", java.util.Arrays.copyOf(good, 12), 12);
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 4);
    assertMalformed("length field 60 but 56 bytes follow", cut, cut.length);
    byte[] noCookie = good.clone();
    noCookie[4] = 0;
    assertMalformed("no magic cookie", noCookie, noCookie.length);
    byte[] family = good.clone();
    family[20 + 16 + 5] = 3; // XOR-MAPPED-ADDRESS family byte
    assertMalformed("unknown address family 3", family, family.length);
    byte[] longAttr = good.clone();
    longAttr[20 + 16 + 3] = (byte) 0x80; // XOR-MAPPED-ADDRESS length 128
    assertMalformed("claims 128 bytes", longAttr, longAttr.length);
    byte[] request = StunMessage.bindingRequest(new byte[12], false, false);
    assertMalformed("unexpected STUN message type 0x0001", request, request.length);
    ByteBuffer empty = ByteBuffer.allocate(20);
    empty.putShort((short) 0x0101).putShort((short) 0).putInt(StunMessage.MAGIC_COOKIE);
    assertMalformed("no XOR-MAPPED-ADDRESS or MAPPED-ADDRESS", empty.array(), 20);
  }

  @Test
  void errorResponseCarriesCodeAndReason() throws Exception {
    byte[] reason = "Bad Request".getBytes(StandardCharsets.UTF_8);
    int len = 4 + reason.length;
    int padded = (len + 3) & ~3;
    ByteBuffer b = ByteBuffer.allocate(20 + 4 + padded);
    b.putShort((short) 0x0111)
        .putShort((short) (4 + padded))
        .putInt(StunMessage.MAGIC_COOKIE)
        .put(new byte[12]);
    b.putShort((short) 0x0009).putShort((short) len).put(new byte[] {0, 0, 4, 0}).put(reason);
    StunMessage.Response r = StunMessage.parse(b.array(), b.capacity());
    assertEquals(400, r.errorCode());
    assertEquals("Bad Request", r.errorReason());
  }

  private static void assertMalformed(String fragment, byte[] data, int length) {
    StunException e = assertThrows(StunException.class, () -> StunMessage.parse(data, length));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
