package dev.stackscope.stack.declared;

import dev.stackscope.stack.note.Note;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads configuration files as a process sees them (through {@code /proc/PID/root}, so a
 * container's files are its own), within limits: every file is outside data. What could not be read
 * becomes a note, never an exception.
 */
public final class ConfigFiles {
  /** The most bytes read of one file (the rest is ignored, with a note). */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The most files read for one configuration (includes counted). */
  public static final int MAX_FILES = 256;

  /** The most bytes read for one configuration, all files together. */
  public static final long MAX_TOTAL_BYTES = 8L << 20;

  /** How deep includes may nest. */
  public static final int MAX_INCLUDE_DEPTH = 16;

  private final Path root;
  private final List<Note> notes = new ArrayList<>();
  private int files;
  private long total;

  /**
   * Files under {@code root}: {@code /proc/PID/root} for a live process, {@code /} or a fixture
   * directory in tests. Paths handed in are absolute as the process sees them.
   */
  public ConfigFiles(Path root) {
    this.root = root;
  }

  /** What could not be read. */
  public List<Note> notes() {
    return notes;
  }

  private Path real(String path) {
    String rel = path.startsWith("/") ? path.substring(1) : path;
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  /** A file's text, or null (with a note) when it cannot be read or a limit is reached. */
  public String read(String path) {
    if (files >= MAX_FILES) {
      note(Note.Kind.CONFIG_TOO_MANY_FILES, path, MAX_FILES, null);
      return null;
    }
    if (total >= MAX_TOTAL_BYTES) {
      note(Note.Kind.CONFIG_TOO_LARGE, path, (int) (MAX_TOTAL_BYTES >> 20), null);
      return null;
    }
    files++;
    try (InputStream in = Files.newInputStream(real(path))) {
      byte[] b = in.readNBytes(MAX_FILE_BYTES);
      if (b.length == MAX_FILE_BYTES && in.read() >= 0) {
        note(Note.Kind.CONFIG_FILE_TRUNCATED, path, MAX_FILE_BYTES >> 20, null);
      }
      total += b.length;
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      note(Note.Kind.CONFIG_UNREADABLE, path, null, reason(e));
      return null;
    }
  }

  /** Whether {@code path} is a directory (as the process sees it). */
  public boolean isDirectory(String path) {
    try {
      return Files.isDirectory(real(path));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The files a pattern names, sorted: the path itself without wildcards; with {@code *}, {@code ?}
   * or {@code [...]} in its last component, the matching entries of its directory (wildcards in
   * directory components are not followed: a note says so).
   */
  public List<String> glob(String pattern) {
    int slash = pattern.lastIndexOf('/');
    String dir = slash < 0 ? "." : pattern.substring(0, slash);
    String name = pattern.substring(slash + 1);
    if (!wild(name)) {
      if (wild(dir)) {
        note(Note.Kind.CONFIG_WILDCARD_DIRECTORY, pattern, null, null);
        return List.of();
      }
      return List.of(pattern);
    }
    if (wild(dir)) {
      note(Note.Kind.CONFIG_WILDCARD_DIRECTORY, pattern, null, null);
      return List.of();
    }
    return list(dir.isEmpty() ? "/" : dir, name);
  }

  /** The entries of {@code dir} whose names match the glob {@code name}, sorted, as paths. */
  public List<String> list(String dir, String name) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(real(dir), name)) {
      for (Path p : entries) {
        if (out.size() >= MAX_FILES) {
          break;
        }
        if (!Files.isDirectory(p)) {
          out.add((dir.endsWith("/") ? dir : dir + "/") + p.getFileName());
        }
      }
    } catch (IOException | RuntimeException e) {
      note(Note.Kind.CONFIG_UNLISTABLE, dir, null, reason(e));
    }
    out.sort(null);
    return out;
  }

  private static boolean wild(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  private void note(Note.Kind kind, String path, Integer limit, String reason) {
    Note n = Note.file(kind, path, limit, reason);
    if (notes.size() < 20 && !notes.contains(n)) {
      notes.add(n);
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
