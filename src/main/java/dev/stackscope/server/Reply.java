package dev.stackscope.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The server's side of one reply: frames of a tag byte, a u32 length and the payload ('O' stdout,
 * 'E' stderr, 'X' exit code, 'N' declined, 'R' declined because the sources are newer than the jar,
 * 'I' a request for at most u32 bytes of the client's stdin, 'A' the request was read). Once the
 * client is gone every write is dropped: the command may still be finishing, and nobody reads its
 * output any more.
 */
final class Reply {
  private final SocketChannel channel;
  private volatile boolean gone;

  Reply(SocketChannel channel) {
    this.channel = channel;
  }

  boolean gone() {
    return gone;
  }

  void markGone() {
    gone = true;
  }

  /** Declines the request (before any output): the client runs it in a fresh JVM instead. */
  void decline(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    frame('N', bytes, 0, bytes.length);
  }

  /**
   * Declines the request because the checkout's sources are newer than the jar: the client hands it
   * to the launcher, which rebuilds, even under STACKSCOPE_SERVER=require.
   */
  void rebuild() {
    frame('R', new byte[0], 0, 0);
  }

  /**
   * Tells the client that the command is about to run (an empty 'O' frame, which any client takes
   * as output): from here on it never re-runs the command in a fresh JVM, even if this server dies,
   * so that a command such as {@code signal} runs at most once.
   */
  void started() {
    frame('O', new byte[0], 0, 0);
  }

  /**
   * Says that the request was read (an empty 'A' frame), before the checks that decide whether it
   * is served: the client gives up on a server that sends nothing within 2 s (a hung or stopped
   * one), and a live server on a busy machine should not look like one.
   */
  void accepted() {
    frame('A', new byte[0], 0, 0);
  }

  /** Asks the client for at most {@code max} bytes of its stdin (it answers with an 'I' frame). */
  void askInput(int max) {
    frame('I', ByteBuffer.allocate(4).putInt(max).array(), 0, 4);
  }

  void exit(int code) {
    frame('X', ByteBuffer.allocate(4).putInt(code).array(), 0, 4);
  }

  /** A stream whose bytes reach the client's stdout ('O') or stderr ('E'), buffered per flush. */
  OutputStream stream(char tag) {
    return new OutputStream() {
      private final byte[] buffer = new byte[8192];
      private int used;

      @Override
      public void write(int b) {
        if (used == buffer.length) {
          flush();
        }
        buffer[used++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        if (len >= buffer.length) {
          flush();
          frame(tag, b, off, len);
          return;
        }
        if (used + len > buffer.length) {
          flush();
        }
        System.arraycopy(b, off, buffer, used, len);
        used += len;
      }

      @Override
      public void flush() {
        if (used > 0) {
          frame(tag, buffer, 0, used);
          used = 0;
        }
      }

      @Override
      public void close() {
        flush();
      }
    };
  }

  private synchronized void frame(char tag, byte[] payload, int off, int len) {
    if (gone) {
      return;
    }
    ByteBuffer head = ByteBuffer.allocate(5).put((byte) tag).putInt(len).flip();
    ByteBuffer body = ByteBuffer.wrap(payload, off, len);
    try {
      while (head.hasRemaining() || body.hasRemaining()) {
        channel.write(new ByteBuffer[] {head, body});
      }
    } catch (IOException e) {
      gone = true;
    }
  }
}
