package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzz target for the STUN message parser (docs/fuzzing.md). Without JAZZER_FUZZ it replays the
 * corpus in {@code StunMessageFuzzTestInputs/stun/}.
 */
class StunMessageFuzzTest {
  private static final int MAGIC_COOKIE = 0x2112A442;

  /**
   * Arbitrary datagrams: only StunException escapes, and what parses is a Binding response that the
   * client's header check accepts for its transaction id. A response encoded here with
   * XOR-MAPPED-ADDRESS, MAPPED-ADDRESS, OTHER-ADDRESS, SOFTWARE and unknown attributes parses back
   * to the addresses and text encoded.
   */
  @FuzzTest
  void stun(FuzzedDataProvider data) throws Exception {
    if (data.consumeBoolean()) {
      byte[] raw = data.consumeRemainingAsBytes();
      StunMessage.Response r;
      try {
        r = StunMessage.parse(raw, raw.length);
      } catch (StunException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        return;
      }
      byte[] txId = Arrays.copyOfRange(raw, 8, 20);
      assertTrue(StunMessage.answers(raw, raw.length, txId));
      assertTrue(r.type() == 0x0101 || r.type() == 0x0111, "type " + r.type());
      return;
    }
    byte[] txId = Arrays.copyOf(data.consumeBytes(12), 12);
    byte[] xorAddress = data.consumeBoolean() ? address(data) : null;
    int xorPort = data.consumeInt(0, 65535);
    byte[] mappedAddress = xorAddress == null || data.consumeBoolean() ? address(data) : null;
    int mappedPort = data.consumeInt(0, 65535);
    byte[] otherAddress = data.consumeBoolean() ? address(data) : null;
    byte[] unknown = data.consumeBytes(data.consumeInt(0, 40));
    String software = data.consumeRemainingAsString();

    ByteBuffer b = ByteBuffer.allocate(2048);
    b.putShort((short) 0x0101).putShort((short) 0).putInt(MAGIC_COOKIE).put(txId);
    if (xorAddress != null) {
      byte[] key = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(txId).array();
      byte[] x = xorAddress.clone();
      for (int i = 0; i < x.length; i++) {
        x[i] ^= key[i];
      }
      attribute(b, 0x0020, x, xorPort ^ (MAGIC_COOKIE >>> 16));
    }
    if (mappedAddress != null) {
      attribute(b, 0x0001, mappedAddress, mappedPort);
    }
    if (otherAddress != null) {
      attribute(b, 0x802C, otherAddress, 3479);
    }
    raw(b, 0x8028 + 0x100, unknown); // an attribute the parser does not know
    byte[] text = software.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (text.length <= 763) {
      raw(b, 0x8022, text);
    }
    int length = b.position();
    b.putShort(2, (short) (length - 20));
    byte[] message = Arrays.copyOf(b.array(), length + 7); // trailing bytes beyond length: ignored
    StunMessage.Response r = StunMessage.parse(message, length);
    if (xorAddress != null) {
      assertEquals(
          new TransportAddress(IpAddress.fromBytes(xorAddress), xorPort), r.xorMappedAddress());
      assertEquals(r.xorMappedAddress(), r.mapped());
    }
    if (mappedAddress != null) {
      assertEquals(
          new TransportAddress(IpAddress.fromBytes(mappedAddress), mappedPort), r.mappedAddress());
    }
    if (otherAddress != null) {
      assertEquals(new TransportAddress(IpAddress.fromBytes(otherAddress), 3479), r.otherAddress());
    }
    if (text.length <= 763) {
      assertEquals(new String(text, java.nio.charset.StandardCharsets.UTF_8), r.software());
    }
    assertTrue(StunMessage.answers(message, length, txId));
  }

  private static byte[] address(FuzzedDataProvider data) {
    int size = data.consumeBoolean() ? 4 : 16;
    return Arrays.copyOf(data.consumeBytes(size), size);
  }

  private static void attribute(ByteBuffer b, int type, byte[] address, int port) {
    b.putShort((short) type).putShort((short) (4 + address.length));
    b.put((byte) 0).put((byte) (address.length == 4 ? 1 : 2)).putShort((short) port).put(address);
  }

  private static void raw(ByteBuffer b, int type, byte[] value) {
    b.putShort((short) type).putShort((short) value.length).put(value);
    while (b.position() % 4 != 0) {
      b.put((byte) 0);
    }
  }
}
