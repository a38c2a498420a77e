package dev.stackscope.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A served run's standard input: the client's stdin, asked for when the command reads it (an 'I'
 * frame to the client with the most bytes wanted) and delivered by the thread that reads the
 * client's frames. Nothing is read from the client's stdin before a command asks, so a command that
 * never reads it (ps in a {@code while read} loop) leaves it alone, as a fresh JVM does.
 */
final class ClientInput extends InputStream {
  private static final byte[] END = new byte[0];

  private final Reply reply;
  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private byte[] current = END;
  private int position;
  private boolean ended;

  ClientInput(Reply reply) {
    this.reply = reply;
  }

  /** Bytes from the client (an empty array: the end of its input). */
  void deliver(byte[] bytes) {
    chunks.add(bytes);
  }

  /** The client is gone: a read waiting for it ends (end of input). */
  void end() {
    chunks.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (position == current.length) {
      if (ended) {
        return -1;
      }
      reply.askInput(Math.min(len, Request.MAX_INPUT));
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("the client went away");
      }
      position = 0;
      if (current.length == 0) {
        ended = true;
        return -1;
      }
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public synchronized int available() {
    return current.length - position;
  }
}
