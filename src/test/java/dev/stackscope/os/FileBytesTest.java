package dev.stackscope.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBytesTest {
  @TempDir Path dir;

  @Test
  void readsAFileLongerThanItsBufferWhole() throws Exception {
    byte[] content = new byte[10_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) ('a' + i % 26);
    }
    Path file = Files.write(dir.resolve("big"), content);
    FileBytes bytes = new FileBytes(16);
    assertTrue(bytes.read(file.toString()));
    assertEquals(content.length, bytes.length());
    assertArrayEquals(content, Arrays.copyOf(bytes.bytes(), bytes.length()));
    assertNull(bytes.error());
  }

  @Test
  void theBufferIsReusedAndOnlyTheNewContentCounts() throws Exception {
    Path longer = Files.writeString(dir.resolve("a"), "a much longer first line\n");
    Path shorter = Files.writeString(dir.resolve("b"), "short\n");
    FileBytes bytes = new FileBytes(64);
    assertTrue(bytes.readLine(longer.toString()));
    assertTrue(bytes.readLine(shorter.toString()));
    assertEquals("short\n", bytes.text());
  }

  @Test
  void readLineDoesNotStopAtANewlineThatEndsAFullBuffer() throws Exception {
    // 16 bytes fill the smallest buffer exactly, the first ending in a newline: read on
    String content = "0123456789abcde\nmore\n";
    Path file = Files.writeString(dir.resolve("two"), content);
    FileBytes bytes = new FileBytes(16);
    assertTrue(bytes.readLine(file.toString()));
    assertEquals(content, bytes.text());
  }

  @Test
  void readsTheLiveStatOfThisProcess() {
    FileBytes bytes = new FileBytes(16);
    assertTrue(bytes.readLine("/proc/self/stat"));
    String stat = bytes.text();
    assertTrue(stat.endsWith("\n"), stat);
    assertEquals(
        Long.toString(ProcessHandle.current().pid()), stat.substring(0, stat.indexOf(' ')));
  }

  @Test
  void aMissingFileIsFalseWithItsReason() {
    FileBytes bytes = new FileBytes(16);
    assertFalse(bytes.read(dir.resolve("absent").toString()));
    assertEquals(0, bytes.length());
    assertNotNull(bytes.error());
    assertTrue(bytes.error().contains("absent"), bytes.error());
    assertFalse(bytes.read(dir.toString()), "a directory is not a file");
  }

  @Test
  void strictTextRejectsInvalidUtf8AndTextReplacesIt() throws Exception {
    Path bad = Files.write(dir.resolve("bad"), new byte[] {'o', 'k', (byte) 0xff, '\n'});
    FileBytes bytes = new FileBytes(16);
    assertTrue(bytes.read(bad.toString()));
    assertNull(bytes.strictText());
    assertEquals("ok\uFFFD\n", bytes.text());

    Path good = Files.write(dir.resolve("good"), "héllo 日本\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(bytes.read(good.toString()));
    assertEquals("héllo 日本\n", bytes.strictText());
    Path ascii = Files.writeString(dir.resolve("ascii"), "root:x:0:0\n");
    assertTrue(bytes.read(ascii.toString()));
    assertEquals("root:x:0:0\n", bytes.strictText());
  }
}
