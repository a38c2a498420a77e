package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnixDiagTest {
  private static final int SEQ = 11;

  /** Hand-made unix_diag answers, in host order like the kernel's. */
  static final class Datagram {
    final ByteBuffer b = ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder());
    private int start;

    /** Starts a message: nlmsghdr (length patched by {@link #end}) and struct unix_diag_msg. */
    Datagram socket(int seq, int type, int state, int inode) {
      start = b.position();
      b.putInt(0).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(0);
      b.put((byte) 1).put((byte) type).put((byte) state).put((byte) 0);
      b.putInt(inode).putInt(-1).putInt(-1);
      return this;
    }

    Datagram attribute(int kind, byte[] data) {
      b.putShort((short) (4 + data.length)).putShort((short) kind).put(data);
      while (b.position() % 4 != 0) {
        b.put((byte) 0);
      }
      return this;
    }

    Datagram u32(int kind, int... values) {
      ByteBuffer v = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
      for (int x : values) {
        v.putInt(x);
      }
      return attribute(kind, v.array());
    }

    Datagram end() {
      b.putInt(start, b.position() - start);
      return this;
    }

    Datagram done(int seq) {
      b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(seq).putInt(0).putInt(0);
      return this;
    }

    int parse(List<UnixDiag.Entry> into) {
      return TcpDiag.parse(b, b.position(), SEQ, new UnixDiag.Sink(into));
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsPathAbstractAndUnnamedSocketsWithPeersQueuesAndFiles() {
    List<UnixDiag.Entry> into = new ArrayList<>();
    int status =
        new Datagram()
            .socket(SEQ, 1, 10, 500)
            .attribute(UnixDiag.UNIX_DIAG_NAME, bytes("/run/g.sock\0"))
            .u32(UnixDiag.UNIX_DIAG_VFS, 77, 0x801)
            .u32(UnixDiag.UNIX_DIAG_RQLEN, 3, 128)
            .u32(UnixDiag.UNIX_DIAG_UID, 33)
            .end()
            .socket(SEQ, 5, 1, 501)
            .attribute(UnixDiag.UNIX_DIAG_NAME, bytes("\0pg\0x"))
            .u32(UnixDiag.UNIX_DIAG_PEER, 502)
            .end()
            .socket(SEQ, 2, 7, 0xFFFFFFF0) // an inode above 2^31: unsigned
            .end()
            .socket(SEQ + 1, 1, 1, 999) // another dump's: skipped
            .end()
            .done(SEQ)
            .parse(into);
    assertEquals(TcpDiag.DONE, status);
    assertEquals(3, into.size(), into.toString());
    UnixDiag.Entry listener = into.get(0);
    assertEquals(new UnixDiag.Entry(500, 1, 10, "/run/g.sock", false, 0, 77, 3, 128, 33), listener);
    UnixDiag.Entry abs = into.get(1);
    assertEquals("@pg@x", abs.name(), "ss shows an abstract name's NULs as @");
    assertTrue(abs.abstractName());
    assertEquals(502, abs.peer());
    assertEquals(-1, abs.receiveQueue(), "no RQLEN: unknown");
    assertEquals(-1, abs.uid());
    UnixDiag.Entry unnamed = into.get(2);
    assertNull(unnamed.name());
    assertFalse(unnamed.abstractName());
    assertEquals(0xFFFFFFF0L, unnamed.inode());
  }

  @Test
  void aRelativePathStartingWithAnAtIsNotAbstract() {
    List<UnixDiag.Entry> into = new ArrayList<>();
    new Datagram().socket(SEQ, 1, 10, 1).attribute(0, bytes("@x\0")).end().done(SEQ).parse(into);
    assertEquals("@x", into.get(0).name());
    assertFalse(into.get(0).abstractName());
  }

  @Test
  void malformedAttributesAreIgnoredAndShortMessagesFail() {
    List<UnixDiag.Entry> into = new ArrayList<>();
    Datagram d = new Datagram().socket(SEQ, 1, 1, 7).u32(UnixDiag.UNIX_DIAG_PEER, 8);
    d.b.putShort((short) 400).putShort((short) 0).putInt(0); // runs past the message
    d.end().done(SEQ);
    assertEquals(TcpDiag.DONE, d.parse(into));
    assertEquals(8, into.get(0).peer(), "what came before the bad attribute is kept");
    assertNull(into.get(0).name());

    List<UnixDiag.Entry> tooLong = new ArrayList<>();
    new Datagram().socket(SEQ, 1, 10, 9).attribute(0, new byte[109]).end().done(SEQ).parse(tooLong);
    assertNull(tooLong.get(0).name(), "a name longer than sun_path is not read");

    ByteBuffer small = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
    small.putInt(16 + 8).putShort((short) 20).putShort((short) 2).putInt(SEQ).putInt(0).putLong(0);
    assertEquals(
        TcpDiag.FAILED, TcpDiag.parse(small, small.position(), SEQ, new UnixDiag.Sink(into)));
  }

  @Test
  void theRequestAsksForEveryUnixSocketWithItsAttributes() {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.nativeOrder());
    UnixDiag.writeRequest(b, 5);
    assertEquals(40, b.getInt(0));
    assertEquals(20, b.getShort(4), "SOCK_DIAG_BY_FAMILY");
    assertEquals(0x301, b.getShort(6), "NLM_F_REQUEST | NLM_F_DUMP");
    assertEquals(5, b.getInt(8));
    assertEquals(1, b.get(16), "AF_UNIX");
    assertEquals(-1, b.getInt(20), "every state");
    assertEquals(0x01 | 0x02 | 0x04 | 0x10 | 0x40, b.getInt(28), "NAME VFS PEER RQLEN UID");
  }
}
