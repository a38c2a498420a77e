package dev.stackscope.http;

import java.io.ByteArrayOutputStream;

/**
 * The static Huffman code of HPACK (RFC 7541 Appendix B). The code is canonical — within each
 * length, codes rise with the symbol — so the table is only the 257 code lengths, and decoding
 * walks the lengths (no tree of 513 nodes to build at start-up).
 */
final class HpackHuffman {
  /** Symbol 256 is EOS. */
  static final int EOS = 256;

  /** Each symbol's code length as {@code 'A' + length - 5} (lengths run from 5 to 30 bits). */
  private static final String LENGTHS =
      "ISXXXXXXXTZXXZXXXXXXXXZXXXXXXXXXBFFHIBDGFFDGDBBBAAABBBBBBBCDKBHF"
          + "IBCCCCCCCCCCCCCCCCCCCCCCDCDIOIJBKABABABBBACCBBBABCBAABCCCCCKGJIX"
          + "PRPPRRRSRSSSSSTSTTRSTSSSSQRSRSSTRQPRRSSQSRRTQRSSQQRQSRSSPRRRSRRS"
          + "VVPORSRUVVVWWVTUOQVWWVWTQQVVXWWWPTPQRQQSRRUUTTVSVWVVWWWWWXWWWWWV"
          + "Z";

  private static final int MAX_BITS = 30;

  /** Symbols in code order: by length, then by value. */
  private static final int[] SYMBOLS = new int[257];

  /** For each length: the first code of that length, and the index of its symbol in SYMBOLS. */
  private static final int[] FIRST_CODE = new int[MAX_BITS + 2];

  private static final int[] FIRST_INDEX = new int[MAX_BITS + 2];
  private static final int[] COUNT = new int[MAX_BITS + 2];

  /** Each symbol's code, right-aligned (for tests and the request encoder). */
  static final int[] CODES = new int[257];

  static final int[] LENGTH = new int[257];

  static {
    for (int s = 0; s < 257; s++) {
      LENGTH[s] = LENGTHS.charAt(s) - 'A' + 5;
      COUNT[LENGTH[s]]++;
    }
    int index = 0;
    int code = 0;
    for (int len = 1; len <= MAX_BITS; len++) {
      FIRST_CODE[len] = code;
      FIRST_INDEX[len] = index;
      for (int s = 0; s < 257; s++) {
        if (LENGTH[s] == len) {
          SYMBOLS[index++] = s;
          CODES[s] = code++;
        }
      }
      code <<= 1;
    }
  }

  private HpackHuffman() {}

  /**
   * Decodes {@code len} bytes of {@code in} from {@code off}. The padding must be at most 7 bits,
   * all ones (the start of EOS); an EOS inside the string is an error (RFC 7541 §5.2).
   */
  static byte[] decode(byte[] in, int off, int len) throws HttpProtocolException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + len / 2);
    int code = 0;
    int bits = 0;
    boolean allOnes = true;
    for (int i = off; i < off + len; i++) {
      int b = in[i] & 0xff;
      for (int k = 7; k >= 0; k--) {
        int bit = (b >> k) & 1;
        code = (code << 1) | bit;
        bits++;
        allOnes &= bit == 1;
        int rel = code - FIRST_CODE[bits];
        if (rel >= 0 && rel < COUNT[bits]) {
          int symbol = SYMBOLS[FIRST_INDEX[bits] + rel];
          if (symbol == EOS) {
            throw new HttpProtocolException("HPACK: an EOS symbol inside a Huffman string");
          }
          out.write(symbol);
          code = 0;
          bits = 0;
          allOnes = true;
        } else if (bits >= MAX_BITS) {
          throw new HttpProtocolException("HPACK: an invalid Huffman code");
        }
      }
    }
    if (bits > 7 || !allOnes) {
      throw new HttpProtocolException("HPACK: invalid padding after a Huffman string");
    }
    return out.toByteArray();
  }

  /** Encodes {@code in}, padded with ones. */
  static byte[] encode(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    long acc = 0;
    int bits = 0;
    for (byte value : in) {
      int s = value & 0xff;
      acc = (acc << LENGTH[s]) | CODES[s];
      bits += LENGTH[s];
      while (bits >= 8) {
        bits -= 8;
        out.write((int) (acc >> bits) & 0xff);
      }
      acc &= (1L << bits) - 1;
    }
    if (bits > 0) {
      out.write((int) ((acc << (8 - bits)) | (0xff >> bits)) & 0xff);
    }
    return out.toByteArray();
  }
}
