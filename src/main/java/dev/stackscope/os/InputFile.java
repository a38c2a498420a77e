package dev.stackscope.os;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file the user named (root hints, trust anchors, a hosts file, a list of URLs or
 * addresses) whole, within a size limit: a file that never ends ({@code /dev/zero}, a FIFO fed
 * forever) or a huge one is refused after {@code limit + 1} bytes instead of filling the heap.
 * Every failure is an {@link Unreadable} whose message is one line naming what was read, the path
 * and the reason in words ("no such file", "permission denied", "is a directory", "larger than
 * 1048576 bytes", "not UTF-8 text").
 *
 * <p>Not for {@code /proc}: {@link FileBytes} reads those, many times per command, into a reused
 * buffer.
 */
public final class InputFile {
  /** A file that could not be read whole; the message is the one line to show. */
  public static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    public Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private InputFile() {}

  /**
   * The file's bytes, at most {@code limit} of them; {@code what} names it in the message ("root
   * hints" → "cannot read root hints '/dev/zero': larger than 1048576 bytes").
   */
  public static byte[] readBytes(Path file, String what, int limit) throws Unreadable {
    if (Files.isDirectory(file)) {
      throw unreadable(what, file.toString(), "is a directory", null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readBytes(in, what, file.toString(), limit);
    } catch (Unreadable e) {
      throw e;
    } catch (IOException | SecurityException e) {
      throw unreadable(what, file.toString(), reason(e), e);
    }
  }

  /**
   * Opens the file for streamed reading (the reader limits each record, see {@code RecordReader});
   * a directory, a missing or an unreadable file fails with the reason.
   */
  public static InputStream open(Path file, String what) throws Unreadable {
    if (Files.isDirectory(file)) {
      throw unreadable(what, file.toString(), "is a directory", null);
    }
    try {
      return Files.newInputStream(file);
    } catch (IOException | SecurityException e) {
      throw unreadable(what, file.toString(), reason(e), e);
    }
  }

  /** The file as UTF-8 text, at most {@code limit} bytes; text that is not UTF-8 is refused. */
  public static String readText(Path file, String what, int limit) throws Unreadable {
    return strictUtf8(readBytes(file, what, limit), what, file.toString());
  }

  /**
   * A stream's bytes up to its end, at most {@code limit} of them ({@code name}: how the message
   * calls the stream, such as "standard input"). Does not close the stream.
   */
  public static byte[] readBytes(InputStream in, String what, String name, int limit)
      throws Unreadable {
    if (limit < 0 || limit > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("size limit out of range: " + limit);
    }
    byte[] buf = new byte[Math.min(limit + 1, 8192)];
    int n = 0;
    try {
      while (true) {
        if (n == buf.length) {
          if (n > limit) {
            throw unreadable(what, name, "larger than " + limit + " bytes", null);
          }
          buf = Arrays.copyOf(buf, (int) Math.min((long) limit + 1, 2L * buf.length));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (Unreadable e) {
      throw e;
    } catch (IOException e) {
      throw unreadable(what, name, reason(e), e);
    }
    if (n > limit) {
      throw unreadable(what, name, "larger than " + limit + " bytes", null);
    }
    return Arrays.copyOf(buf, n);
  }

  /** The bytes as UTF-8 text, or an {@link Unreadable} naming the first bad byte's offset. */
  public static String strictUtf8(byte[] bytes, String what, String name) throws Unreadable {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw unreadable(what, name, "not UTF-8 text", e);
    }
  }

  /**
   * Why an I/O operation failed, in words: NIO's exceptions carry only the path in their message
   * ({@code AccessDeniedException: /etc/shadow}), which says nothing to the user.
   */
  public static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException || e instanceof SecurityException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return lowerFirst(fs.getReason());
    }
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return lowerFirst(msg.strip().lines().findFirst().orElse(msg));
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  private static Unreadable unreadable(String what, String name, String reason, Throwable cause) {
    return new Unreadable("cannot read " + what + " '" + name + "': " + reason, cause);
  }
}
