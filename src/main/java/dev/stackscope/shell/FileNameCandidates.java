package dev.stackscope.shell;

import dev.stackscope.output.Sanitizer;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File names for completing a File/Path parameter: the entries of the directory typed so far.
 *
 * <p>A file name is untrusted text: a file called {@code ESC ] 52 ; c ; … BEL} would write the
 * clipboard, one with U+202E would reverse what follows. So both what is shown and what is inserted
 * are {@link Sanitizer#clean sanitised}. A name that needed escaping is therefore inserted in its
 * escaped, visible form, which names no existing file: such a file cannot be named in the shell
 * (give it to the command from the system shell, with {@code $'…'} quoting).
 */
public final class FileNameCandidates {
  /** At most this many entries of one directory are read for one Tab. */
  public static final int MAX_ENTRIES = 5_000;

  /**
   * One candidate.
   *
   * @param value the text to insert: the typed directory part and the entry's name (sanitised),
   *     with a trailing {@code /} for a directory
   * @param display the entry's name (sanitised), {@code /} after a directory
   * @param directory whether the entry is a directory (completion goes on inside it)
   */
  public record FileName(String value, String display, boolean directory) {}

  private final Path cwd;
  private final Path home;

  public FileNameCandidates(Path cwd, Path home) {
    this.cwd = cwd;
    this.home = home;
  }

  /**
   * The entries of the directory part of {@code typed} (the word up to the cursor); hidden entries
   * only when the typed name starts with a dot. Unreadable directories give none.
   */
  public List<FileName> list(String typed) {
    int slash = typed.lastIndexOf('/');
    String dirPart = typed.substring(0, slash + 1);
    String namePart = typed.substring(slash + 1);
    List<FileName> out = new ArrayList<>();
    Path dir;
    try {
      dir = directory(dirPart);
    } catch (InvalidPathException e) {
      return out;
    }
    boolean hidden = namePart.startsWith(".");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (out.size() >= MAX_ENTRIES) {
          break;
        }
        String name = p.getFileName().toString();
        if (name.startsWith(".") && !hidden) {
          continue;
        }
        String shown = Sanitizer.clean(name);
        boolean isDir = Files.isDirectory(p);
        String value = Sanitizer.clean(dirPart) + shown + (isDir ? "/" : "");
        out.add(new FileName(value, shown + (isDir ? "/" : ""), isDir));
      }
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      // unreadable or gone: nothing to offer
    }
    return out;
  }

  private Path directory(String dirPart) {
    if (dirPart.isEmpty()) {
      return cwd;
    }
    if (dirPart.startsWith("~/")) {
      return home.resolve(dirPart.substring(2));
    }
    if (dirPart.startsWith("~")) {
      Path parent = home.getParent();
      return (parent == null ? home : parent).resolve(dirPart.substring(1));
    }
    return cwd.resolve(dirPart);
  }
}
