package dev.stackscope.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded reading of files the user names: limits and one-line reasons. */
class InputFileTest {
  @Test
  void aFileUpToTheLimitIsReadWholeAndOneByteMoreIsRefused(@TempDir Path dir) throws Exception {
    byte[] exact = new byte[20000];
    java.util.Arrays.fill(exact, (byte) 'a');
    Path file = Files.write(dir.resolve("f"), exact);
    assertArrayEquals(exact, InputFile.readBytes(file, "test file", 20000));
    InputFile.Unreadable e =
        assertThrows(
            InputFile.Unreadable.class, () -> InputFile.readBytes(file, "test file", 19999));
    assertEquals("cannot read test file '" + file + "': larger than 19999 bytes", e.getMessage());
  }

  @Test
  void anEndlessFileStopsAtTheLimit() {
    InputFile.Unreadable e =
        assertThrows(
            InputFile.Unreadable.class,
            () -> InputFile.readBytes(Path.of("/dev/zero"), "x", 1 << 20));
    assertEquals("cannot read x '/dev/zero': larger than 1048576 bytes", e.getMessage());
  }

  @Test
  void aStreamIsBoundedToo() throws Exception {
    byte[] in = "hello".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(
        in, InputFile.readBytes(new ByteArrayInputStream(in), "list", "standard input", 5));
    InputFile.Unreadable e =
        assertThrows(
            InputFile.Unreadable.class,
            () -> InputFile.readBytes(new ByteArrayInputStream(in), "list", "standard input", 4));
    assertEquals("cannot read list 'standard input': larger than 4 bytes", e.getMessage());
  }

  @Test
  void textThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("latin1"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
    InputFile.Unreadable e =
        assertThrows(InputFile.Unreadable.class, () -> InputFile.readText(file, "hints", 100));
    assertEquals("cannot read hints '" + file + "': not UTF-8 text", e.getMessage());
  }

  @Test
  void reasonsAreWordsNotJustThePath() {
    assertEquals("permission denied", InputFile.reason(new AccessDeniedException("/etc/shadow")));
    assertEquals("no such file", InputFile.reason(new java.nio.file.NoSuchFileException("/x")));
  }

  @Test
  void anUnreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");
    InputFile.Unreadable e =
        assertThrows(InputFile.Unreadable.class, () -> InputFile.readBytes(file, "x", 100));
    assertEquals("cannot read x '" + file + "': permission denied", e.getMessage());
  }
}
