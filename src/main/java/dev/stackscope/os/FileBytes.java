package dev.stackscope.os;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable buffer for reading small files whole, such as those under {@code /proc}: one open, one
 * or two reads and a close per file, no {@code String} for the whole content and no NIO channel.
 * Commands read hundreds of these in a JVM that has just started, where every allocation and every
 * class loaded shows. Not thread-safe: one per reading thread.
 */
public final class FileBytes {
  private byte[] bytes;
  private int length;
  private String error;

  public FileBytes(int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  /** Reads the whole file; false when it cannot be read (gone, denied), leaving no content. */
  public boolean read(String path) {
    return read(path, false);
  }

  /**
   * Reads a file the kernel writes in one go as one line ending in a newline ({@code
   * /proc/PID/stat}, {@code comm}): a short read that ends the line is taken as the whole file,
   * which saves the read that would return end-of-file.
   */
  public boolean readLine(String path) {
    return read(path, true);
  }

  private boolean read(String path, boolean oneLine) {
    length = 0;
    error = null;
    try (FileInputStream in = new FileInputStream(path)) {
      int n = 0;
      while (true) {
        int r = in.read(bytes, n, bytes.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (n == bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        } else if (oneLine && n > 0 && bytes[n - 1] == '\n') {
          break;
        }
      }
      length = n;
      return true;
    } catch (IOException | SecurityException e) {
      error = e.getMessage();
      return false;
    }
  }

  /** Why the last read failed (the path and the reason), or null after a successful read. */
  public String error() {
    return error;
  }

  /** The buffer; the content is its first {@link #length()} bytes. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  /** The whole content as UTF-8 text, malformed sequences replaced by U+FFFD. */
  public String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * The whole content as UTF-8 text, or null when it is not valid UTF-8 (what {@code
   * Files.readString} reports as an error).
   */
  public String strictText() {
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        try {
          return StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(bytes, 0, length))
              .toString();
        } catch (CharacterCodingException e) {
          return null;
        }
      }
    }
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }
}
