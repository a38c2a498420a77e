package dev.stackscope.shell;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the shell keeps its history ($STACKSCOPE_HISTORY, else ~/.stackscope_history), readable by
 * its owner only: typed lines may name hosts, users and paths the owner would not share.
 */
public final class HistoryFile {
  public static final String NAME = ".stackscope_history";

  private HistoryFile() {}

  /**
   * The history path for an environment. $HOME wins over the JVM's user.home (which comes from the
   * password database), so a test or a sudo session with its own HOME gets its own history.
   */
  public static Path resolve(Map<String, String> env) {
    String explicit = env.get("STACKSCOPE_HISTORY");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, NAME);
  }

  /**
   * Makes {@code file} private: created with mode 0600 when absent (JLine would create it 0644
   * under the usual umask), and an existing file that group or others may read or write gets 0600.
   * A symbolic link is left alone (not followed). Best effort: a file that cannot be created or
   * changed is left to JLine, which then saves what it can.
   */
  public static void protect(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE));
        return;
      } catch (FileAlreadyExistsException e) {
        // fix its mode below
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Set<PosixFilePermission> mode =
          Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
      for (PosixFilePermission p : mode) {
        if (PRIVATE.contains(p)) {
          kept.add(p);
        }
      }
      if (!kept.equals(mode)) {
        Files.setPosixFilePermissions(file, kept);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Files.getPosixFilePermissions/setPosixFilePermissions throw UnsupportedOperationException
      // on a file system without POSIX permissions and SecurityException under a security
      // manager; IOException when the file is not ours. The history still works: nothing to fix.
    }
  }

  private static final Set<PosixFilePermission> PRIVATE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
}
