package dev.stackscope.server;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command line sent by the client: "SSv3", a u32 count, then that many tagged strings (u32
 * length, a tag byte, the bytes): J jar path, L launcher path (its directory is the checkout), C
 * working directory, P client PID (informational: the server takes the peer's PID from the socket),
 * T "1" when the client's stdin and stdout are a terminal, S "1" when its stderr is a terminal
 * (where a progress line is drawn; absent: not one), E one KEY=VALUE, A one argument. After it the
 * client sends only 'I' frames, its stdin, when the server asks (see {@link #readInput}). See the
 * client's source for the whole protocol.
 *
 * <p>{@link #read} and {@link #readInput} are pure functions of the bytes they are given (the
 * fuzzing targets for the server's frame reader).
 */
record Request(
    String jar,
    String launcher,
    Path workingDirectory,
    long pid,
    boolean terminal,
    boolean stderrTerminal,
    Map<String, String> env,
    List<String> args) {

  static final byte[] MAGIC = {'S', 'S', 'v', '3'};

  /** The most stdin bytes the server asks for at a time, and so the largest 'I' frame. */
  static final int MAX_INPUT = 1 << 16;

  /** Generous bounds: a request beyond them is not a client of ours. */
  static final int MAX_STRINGS = 100_000;

  static final int MAX_BYTES = 8 << 20;

  /** Reads one request; throws {@link ProtocolException} for anything malformed. */
  static Request read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[4];
    data.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      boolean ours = magic[0] == 'S' && magic[1] == 'S' && magic[2] == 'v';
      throw new ProtocolException(
          ours
              ? "the client speaks protocol " + (char) magic[3] + ", this server " + (char) MAGIC[3]
              : "not a stackscope request");
    }
    int count = data.readInt();
    if (count < 0 || count > MAX_STRINGS) {
      throw new ProtocolException("bad string count " + count);
    }
    String jar = null;
    String launcher = null;
    String cwd = null;
    long pid = -1;
    boolean terminal = false;
    boolean stderrTerminal = false;
    Map<String, String> env = new LinkedHashMap<>();
    List<String> args = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < count; i++) {
      int length = data.readInt();
      total += length;
      if (length < 1 || total > MAX_BYTES) {
        throw new ProtocolException("bad string length " + length);
      }
      byte[] bytes = new byte[length];
      data.readFully(bytes);
      String value = new String(bytes, 1, length - 1, StandardCharsets.UTF_8);
      switch (bytes[0]) {
        case 'J' -> jar = value;
        case 'L' -> launcher = value;
        case 'C' -> cwd = value;
        case 'P' -> pid = parsePid(value);
        case 'T' -> terminal = value.equals("1");
        case 'S' -> stderrTerminal = value.equals("1");
        case 'E' -> {
          int eq = value.indexOf('=');
          if (eq > 0) {
            env.put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        case 'A' -> args.add(value);
        default -> throw new ProtocolException("unknown tag " + (char) bytes[0]);
      }
    }
    if (jar == null || cwd == null || pid < 1 || !cwd.startsWith("/")) {
      throw new ProtocolException("incomplete request");
    }
    Path workingDirectory;
    try {
      workingDirectory = Path.of(cwd);
    } catch (java.nio.file.InvalidPathException e) { // a NUL in the path
      throw new ProtocolException("bad working directory");
    }
    return new Request(
        jar,
        launcher,
        workingDirectory,
        pid,
        terminal,
        stderrTerminal,
        Map.copyOf(env),
        List.copyOf(args));
  }

  /**
   * Reads one frame of the client's stdin: 'I', a u32 length (at most {@link #MAX_INPUT}), the
   * bytes; an empty one is the end of input. Returns null at the end of the stream (the client is
   * gone); throws {@link ProtocolException} for anything else.
   */
  static byte[] readInput(InputStream in) throws IOException {
    int tag = in.read();
    if (tag < 0) {
      return null;
    }
    if (tag != 'I') {
      throw new ProtocolException("unexpected frame " + tag);
    }
    DataInputStream data = new DataInputStream(in);
    int length = data.readInt();
    if (length < 0 || length > MAX_INPUT) {
      throw new ProtocolException("bad input frame length " + length);
    }
    byte[] bytes = new byte[length];
    data.readFully(bytes);
    return bytes;
  }

  private static long parsePid(String s) throws ProtocolException {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad pid " + s);
    }
  }

  /** A request that does not follow the protocol. */
  static final class ProtocolException extends IOException {
    ProtocolException(String message) {
      super(message);
    }
  }
}
