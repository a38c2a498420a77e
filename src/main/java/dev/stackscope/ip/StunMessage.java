package dev.stackscope.ip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * STUN messages (RFC 8489): Binding requests with an optional CHANGE-REQUEST (RFC 5780), and the
 * parsing of Binding responses. Pure functions on bytes, tested without a network.
 */
public final class StunMessage {
  public static final int MAGIC_COOKIE = 0x2112A442;
  public static final int BINDING_REQUEST = 0x0001;
  public static final int BINDING_SUCCESS = 0x0101;
  public static final int BINDING_ERROR = 0x0111;

  static final int MAPPED_ADDRESS = 0x0001;
  static final int CHANGE_REQUEST = 0x0003;
  static final int CHANGED_ADDRESS = 0x0005; // RFC 3489, the predecessor of OTHER-ADDRESS
  static final int ERROR_CODE = 0x0009;
  static final int XOR_MAPPED_ADDRESS = 0x0020;
  static final int SOFTWARE = 0x8022;
  static final int RESPONSE_ORIGIN = 0x802B;
  static final int OTHER_ADDRESS = 0x802C;

  private StunMessage() {}

  /** What a Binding response said. Addresses are null when the attribute was absent. */
  public record Response(
      int type,
      TransportAddress xorMappedAddress,
      TransportAddress mappedAddress,
      TransportAddress otherAddress,
      TransportAddress responseOrigin,
      Integer errorCode,
      String errorReason,
      String software) {

    /** XOR-MAPPED-ADDRESS, or MAPPED-ADDRESS from an old server. */
    public TransportAddress mapped() {
      return xorMappedAddress != null ? xorMappedAddress : mappedAddress;
    }
  }

  /** A Binding request; CHANGE-REQUEST is added when either flag is set. */
  public static byte[] bindingRequest(byte[] transactionId, boolean changeIp, boolean changePort) {
    if (transactionId.length != 12) {
      throw new IllegalArgumentException("a transaction id has 12 bytes");
    }
    boolean change = changeIp || changePort;
    ByteBuffer b = ByteBuffer.allocate(20 + (change ? 8 : 0));
    b.putShort((short) BINDING_REQUEST);
    b.putShort((short) (change ? 8 : 0));
    b.putInt(MAGIC_COOKIE);
    b.put(transactionId);
    if (change) {
      b.putShort((short) CHANGE_REQUEST);
      b.putShort((short) 4);
      b.putInt((changeIp ? 4 : 0) | (changePort ? 2 : 0));
    }
    return b.array();
  }

  /**
   * Whether {@code data} is a STUN message answering {@code transactionId} (cheap header check;
   * anything else on the socket is ignored by the client).
   */
  public static boolean answers(byte[] data, int length, byte[] transactionId) {
    if (length < 20 || (data[0] & 0xC0) != 0) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(data, 0, length);
    if (b.getInt(4) != MAGIC_COOKIE) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      if (data[8 + i] != transactionId[i]) {
        return false;
      }
    }
    return true;
  }

  /** Parses a response to a Binding request; anything malformed throws with the reason. */
  public static Response parse(byte[] data, int length) throws StunException {
    if (length < 20) {
      throw new StunException(
          "malformed STUN response: " + length + " bytes, shorter than the 20-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(data, 0, length);
    int type = b.getShort(0) & 0xFFFF;
    int bodyLength = b.getShort(2) & 0xFFFF;
    if ((type & 0xC000) != 0) {
      throw new StunException("malformed STUN response: the first two bits are not zero");
    }
    if (b.getInt(4) != MAGIC_COOKIE) {
      throw new StunException("malformed STUN response: no magic cookie (not RFC 5389/8489 STUN)");
    }
    if (bodyLength % 4 != 0 || bodyLength != length - 20) {
      throw new StunException(
          "malformed STUN response: length field "
              + bodyLength
              + " but "
              + (length - 20)
              + " bytes follow the header");
    }
    if (type != BINDING_SUCCESS && type != BINDING_ERROR) {
      throw new StunException(
          String.format("unexpected STUN message type 0x%04x (expected a Binding response)", type));
    }
    byte[] txId = new byte[12];
    System.arraycopy(data, 8, txId, 0, 12);
    TransportAddress xor = null;
    TransportAddress mapped = null;
    TransportAddress other = null;
    TransportAddress origin = null;
    Integer errorCode = null;
    String reason = null;
    String software = null;
    int pos = 20;
    while (pos < length) {
      if (pos + 4 > length) {
        throw new StunException("malformed STUN response: truncated attribute header");
      }
      int attrType = b.getShort(pos) & 0xFFFF;
      int attrLength = b.getShort(pos + 2) & 0xFFFF;
      int value = pos + 4;
      if (value + attrLength > length) {
        throw new StunException(
            String.format(
                "malformed STUN response: attribute 0x%04x claims %d bytes, %d remain",
                attrType, attrLength, length - value));
      }
      switch (attrType) {
        case XOR_MAPPED_ADDRESS ->
            xor = address(data, value, attrLength, txId, true, "XOR-MAPPED-ADDRESS");
        case MAPPED_ADDRESS ->
            mapped = address(data, value, attrLength, txId, false, "MAPPED-ADDRESS");
        case OTHER_ADDRESS ->
            other = address(data, value, attrLength, txId, false, "OTHER-ADDRESS");
        case CHANGED_ADDRESS -> {
          if (other == null) {
            other = address(data, value, attrLength, txId, false, "CHANGED-ADDRESS");
          }
        }
        case RESPONSE_ORIGIN ->
            origin = address(data, value, attrLength, txId, false, "RESPONSE-ORIGIN");
        case ERROR_CODE -> {
          if (attrLength < 4) {
            throw new StunException("malformed STUN response: ERROR-CODE shorter than 4 bytes");
          }
          errorCode = (data[value + 2] & 0x7) * 100 + (data[value + 3] & 0xFF);
          reason = new String(data, value + 4, attrLength - 4, StandardCharsets.UTF_8);
        }
        case SOFTWARE -> software = new String(data, value, attrLength, StandardCharsets.UTF_8);
        default -> {
          // other attributes (FINGERPRINT, MESSAGE-INTEGRITY, ...) are not needed here
        }
      }
      pos = value + ((attrLength + 3) & ~3);
    }
    if (pos != length) {
      throw new StunException("malformed STUN response: attribute padding runs past the message");
    }
    if (type == BINDING_SUCCESS && xor == null && mapped == null) {
      throw new StunException("malformed STUN response: no XOR-MAPPED-ADDRESS or MAPPED-ADDRESS");
    }
    return new Response(type, xor, mapped, other, origin, errorCode, reason, software);
  }

  private static TransportAddress address(
      byte[] d, int at, int len, byte[] txId, boolean xor, String name) throws StunException {
    if (len < 4) {
      throw new StunException("malformed STUN response: " + name + " shorter than 4 bytes");
    }
    int family = d[at + 1] & 0xFF;
    int port = ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    int size = family == 1 ? 4 : family == 2 ? 16 : -1;
    if (size < 0) {
      throw new StunException(
          "malformed STUN response: " + name + " has unknown address family " + family);
    }
    if (len != 4 + size) {
      throw new StunException(
          "malformed STUN response: "
              + name
              + " is "
              + len
              + " bytes, expected "
              + (4 + size)
              + " for IPv"
              + (family == 1 ? 4 : 6));
    }
    byte[] raw = new byte[size];
    System.arraycopy(d, at + 4, raw, 0, size);
    if (xor) {
      port ^= MAGIC_COOKIE >>> 16;
      byte[] key = new byte[16];
      ByteBuffer.wrap(key).putInt(MAGIC_COOKIE).put(txId);
      for (int i = 0; i < size; i++) {
        raw[i] ^= key[i];
      }
    }
    return new TransportAddress(IpAddress.fromBytes(raw), port);
  }
}
