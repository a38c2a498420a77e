package dev.stackscope.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the server for one build listens: {@code /tmp/stackscope-UID/HASH.sock}, HASH being the
 * FNV-1a hash of the jar's path, of the process's network, PID, UTS and user namespaces and of its
 * root directory (device and inode), so that two checkouts, two users, two network namespaces
 * sharing /tmp (as {@code ip netns exec} does), or a container that shares /tmp but has files of
 * its own never share a server. Not the mount namespace itself: {@code ip netns exec} makes a new
 * one for every run, which would start a server per run; a client in another mount namespace is
 * served only when it sees the server's mounts ({@link PeerCheck}). The directory is private (mode
 * 0700, owned by UID); a directory that is not is never used. The C client ({@code
 * src/main/c/stackscope-client.c}) computes the same path.
 */
public final class SocketPath {
  private SocketPath() {}

  /** The directory for {@code uid}. */
  public static Path directory(long uid) {
    return Path.of("/tmp", "stackscope-" + uid);
  }

  /** The namespaces that must match for a server to answer for a client. */
  static final String[] NAMESPACES = {"net", "pid", "uts", "user"};

  /**
   * The socket for the jar at {@code jarPath} (as the launcher spells it), {@code uid} and this
   * process's namespaces.
   */
  public static Path socket(String jarPath, long uid) {
    StringBuilder key = new StringBuilder(jarPath);
    for (String kind : NAMESPACES) {
      String link;
      try {
        link = Files.readSymbolicLink(Path.of("/proc/self/ns", kind)).toString();
      } catch (IOException | UnsupportedOperationException e) {
        link = "?"; // no such namespace file, or (UnsupportedOperationException) no symbolic links
      }
      key.append('\n').append(link);
    }
    return socket(jarPath, uid, key.append('\n').append(rootIdentity()).toString());
  }

  /** {@code root:DEV:INO} of the root directory, or "?" when it cannot be read. */
  static String rootIdentity() {
    try {
      Path root = Path.of("/");
      return "root:"
          + Files.getAttribute(root, "unix:dev")
          + ":"
          + Files.getAttribute(root, "unix:ino");
    } catch (IOException | UnsupportedOperationException e) {
      return "?"; // UnsupportedOperationException: no "unix" attribute view on this file system
    }
  }

  static Path socket(String jarPath, long uid, String key) {
    return directory(uid).resolve(String.format("%08x.sock", fnv1a(key)));
  }

  /** 32-bit FNV-1a over the text's bytes (UTF-8). */
  static int fnv1a(String s) {
    int h = 0x811c9dc5;
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  /** This process's user id (the owner of /proc/self). */
  public static long currentUid() throws IOException {
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
  }

  /**
   * Creates the private directory when missing and checks that it is ours and private.
   *
   * @throws IOException when it cannot be made, or is a link, not ours, or open to others
   */
  static void ensurePrivateDirectory(Path dir, long uid) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // made at the same moment by another server: checked below like any other
      }
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory");
    }
    long owner =
        ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    int mode =
        ((Number) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
    if (owner != uid) {
      throw new IOException(dir + " belongs to uid " + owner + ", not " + uid);
    }
    if ((mode & 077) != 0) {
      throw new IOException(
          dir + " is open to other users (mode " + Integer.toOctalString(mode & 0777) + ")");
    }
  }
}
