package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the unix_diag answer parser (docs/fuzzing.md): {@link UnixDiag#parseMessage}
 * behind {@link TcpDiag}'s framing. Without JAZZER_FUZZ it replays {@code
 * UnixDiagFuzzTestInputs/unixDiag/}.
 */
class UnixDiagFuzzTest {
  private static final int SEQ = 3;

  /**
   * Arbitrary datagrams: no exception; outcome DONE, MORE or FAILED; every entry has a 32-bit
   * inode, peer and file inode, queues and uid of -1 or 32 bits, a name without NUL of at most
   * {@code sun_path} characters, an abstract one starting with {@code @}. Well-formed messages
   * (attributes in any order, unknown ones among them) parse back to what was written.
   */
  @FuzzTest
  void unixDiag(FuzzedDataProvider data) {
    ByteBuffer b = ByteBuffer.allocate(16384).order(ByteOrder.nativeOrder());
    List<UnixDiag.Entry> expected = new ArrayList<>();
    boolean wellFormed = data.consumeBoolean();
    if (wellFormed) {
      int count = data.consumeInt(0, 20);
      for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
        expected.add(message(b, data));
      }
      b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(SEQ).putInt(0).putInt(0);
    } else {
      byte[] raw = data.consumeRemainingAsBytes();
      b.put(raw, 0, Math.min(raw.length, b.capacity()));
    }
    List<UnixDiag.Entry> into = new ArrayList<>();
    int outcome = TcpDiag.parse(b, b.position(), SEQ, new UnixDiag.Sink(into));
    assertTrue(
        outcome == TcpDiag.DONE || outcome == TcpDiag.MORE || outcome == TcpDiag.FAILED,
        "outcome " + outcome);
    for (UnixDiag.Entry e : into) {
      check(e);
    }
    if (wellFormed) {
      assertEquals(TcpDiag.DONE, outcome);
      assertEquals(expected, into);
    }
  }

  /** Writes one well-formed message from the fuzz data and returns what it should parse to. */
  private static UnixDiag.Entry message(ByteBuffer b, FuzzedDataProvider data) {
    int start = b.position();
    int type = data.pickValue(new int[] {1, 2, 5});
    int state = data.pickValue(new int[] {1, 2, 7, 10});
    int inode = data.consumeInt();
    b.putInt(0).putShort((short) 20).putShort((short) 2).putInt(SEQ).putInt(0);
    b.put((byte) 1).put((byte) type).put((byte) state).put((byte) 0).putInt(inode).putLong(-1);
    String name = null;
    boolean abstractName = false;
    long peer = 0;
    long file = 0;
    long rq = -1;
    long wq = -1;
    long uid = -1;
    int attributes = data.consumeInt(0, 6);
    for (int i = 0; i < attributes; i++) {
      switch (data.consumeInt(0, 5)) {
        case 0 -> {
          boolean abs = data.consumeBoolean();
          String text = data.consumeAsciiString(100).replace('\0', 'x').replace('@', 'y');
          if (text.isEmpty() && !abs) {
            continue; // no name to write (an earlier one stands)
          }
          byte[] bytes = (abs ? "\0" + text : text + "\0").getBytes(StandardCharsets.UTF_8);
          attribute(b, UnixDiag.UNIX_DIAG_NAME, bytes);
          abstractName = abs;
          name = abs ? "@" + text : text;
        }
        case 1 -> {
          file = Integer.toUnsignedLong(data.consumeInt());
          attribute(b, UnixDiag.UNIX_DIAG_VFS, ints((int) file, data.consumeInt()));
        }
        case 2 -> {
          peer = Integer.toUnsignedLong(data.consumeInt());
          attribute(b, UnixDiag.UNIX_DIAG_PEER, ints((int) peer));
        }
        case 3 -> {
          rq = Integer.toUnsignedLong(data.consumeInt());
          wq = Integer.toUnsignedLong(data.consumeInt());
          attribute(b, UnixDiag.UNIX_DIAG_RQLEN, ints((int) rq, (int) wq));
        }
        case 4 -> {
          uid = Integer.toUnsignedLong(data.consumeInt());
          attribute(b, UnixDiag.UNIX_DIAG_UID, ints((int) uid));
        }
        default ->
            attribute(b, 3 + 2 * data.consumeInt(0, 1), data.consumeBytes(16)); // ICONS, MEMINFO
      }
    }
    b.putInt(start, b.position() - start);
    return new UnixDiag.Entry(
        Integer.toUnsignedLong(inode), type, state, name, abstractName, peer, file, rq, wq, uid);
  }

  private static byte[] ints(int... values) {
    ByteBuffer v = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
    for (int x : values) {
      v.putInt(x);
    }
    return v.array();
  }

  private static void attribute(ByteBuffer b, int kind, byte[] data) {
    b.putShort((short) (4 + data.length)).putShort((short) kind).put(data);
    while (b.position() % 4 != 0) {
      b.put((byte) 0);
    }
  }

  private static void check(UnixDiag.Entry e) {
    assertTrue(e.inode() >= 0 && e.inode() <= 0xFFFF_FFFFL, "inode " + e.inode());
    assertTrue(e.peer() >= 0 && e.peer() <= 0xFFFF_FFFFL, "peer " + e.peer());
    assertTrue(e.fileInode() >= 0 && e.fileInode() <= 0xFFFF_FFFFL, "file " + e.fileInode());
    for (long q : new long[] {e.receiveQueue(), e.sendQueue(), e.uid()}) {
      assertTrue(q >= -1 && q <= 0xFFFF_FFFFL, "queue or uid " + q);
    }
    if (e.name() != null) {
      assertFalse(e.name().indexOf('\0') >= 0, "a NUL in a name: " + e.name());
      assertTrue(e.name().length() <= UnixDiag.MAX_NAME, "longer than sun_path: " + e.name());
      assertTrue(!e.abstractName() || e.name().startsWith("@"), e.name());
    } else {
      assertFalse(e.abstractName());
    }
  }
}
