package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketPathTest {
  @TempDir Path tmp;

  @Test
  void fnv1aMatchesTheReferenceVectors() {
    // From the FNV reference test suite (32-bit FNV-1a).
    assertEquals(0x811c9dc5, SocketPath.fnv1a(""));
    assertEquals(0xe40c292c, SocketPath.fnv1a("a"));
    assertEquals(0xbf9cf968, SocketPath.fnv1a("foobar"));
  }

  @Test
  void oneSocketPerUserJarAndNamespaces() throws IOException {
    assertEquals(
        Path.of("/tmp/stackscope-1000/bf9cf968.sock"), SocketPath.socket("x", 1000, "foobar"));
    assertEquals(Path.of("/tmp/stackscope-0"), SocketPath.directory(0));
    String net = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    assertTrue(net.startsWith("net:["), net);
    StringBuilder key = new StringBuilder("/opt/s.jar");
    for (String kind : new String[] {"net", "pid", "uts", "user"}) {
      key.append('\n').append(Files.readSymbolicLink(Path.of("/proc/self/ns", kind)));
    }
    java.nio.file.attribute.BasicFileAttributes root =
        Files.readAttributes(Path.of("/"), java.nio.file.attribute.BasicFileAttributes.class);
    String ino = root.fileKey().toString(); // "(dev=..,ino=..)"
    assertTrue(ino.contains("ino="), ino);
    key.append("\nroot:")
        .append(Files.getAttribute(Path.of("/"), "unix:dev"))
        .append(':')
        .append(Files.getAttribute(Path.of("/"), "unix:ino"));
    assertEquals(
        SocketPath.socket("/opt/s.jar", 7, key.toString()), SocketPath.socket("/opt/s.jar", 7));
  }

  @Test
  void makesAPrivateDirectoryAndRefusesOneThatIsNot() throws IOException {
    long uid = SocketPath.currentUid();
    Path dir = tmp.resolve("mine");
    SocketPath.ensurePrivateDirectory(dir, uid);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    SocketPath.ensurePrivateDirectory(dir, uid); // again: it is ours

    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    IOException e =
        assertThrows(IOException.class, () -> SocketPath.ensurePrivateDirectory(open, uid));
    assertEquals(open + " is open to other users (mode 755)", e.getMessage());

    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
    e = assertThrows(IOException.class, () -> SocketPath.ensurePrivateDirectory(link, uid));
    assertEquals(link + " is not a directory", e.getMessage());

    e = assertThrows(IOException.class, () -> SocketPath.ensurePrivateDirectory(dir, uid + 1));
    assertEquals(dir + " belongs to uid " + uid + ", not " + (uid + 1), e.getMessage());
  }

  @Test
  void refusesADirectoryOwnedBySomeoneElse() throws IOException {
    long uid = SocketPath.currentUid();
    assumeTrue(uid == 0, "needs root to give a directory away");
    Path theirs = Files.createDirectory(tmp.resolve("theirs"));
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
    Files.setAttribute(theirs, "unix:uid", 65534);
    IOException e =
        assertThrows(IOException.class, () -> SocketPath.ensurePrivateDirectory(theirs, 0));
    assertEquals(theirs + " belongs to uid 65534, not 0", e.getMessage());
  }
}
