package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcfsParserTest {
  static String fixture(String name) {
    try (InputStream in = ProcfsParserTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("fixture missing: " + name, e);
    }
  }

  @Test
  void parsesAKernelThread() {
    ProcStat s = ProcfsParser.parseStat(fixture("stat-kthreadd.txt"));
    assertEquals(2, s.pid());
    assertEquals("kthreadd", s.comm());
    assertEquals('S', s.state());
    assertEquals(0, s.ppid());
    assertEquals(1, s.numThreads());
    assertEquals(18, s.startTicks());
    assertEquals(0, s.rssPages());
    assertTrue(s.kernelThread());
  }

  @Test
  void nameInParenthesesKeepsItsParentheses() {
    ProcStat s = ProcfsParser.parseStat(fixture("stat-sd-pam.txt"));
    assertEquals(1321, s.pid());
    assertEquals("(sd-pam)", s.comm());
    assertEquals(1320, s.ppid());
    assertEquals(1320, s.pgrp());
    assertEquals(1320, s.session());
    assertEquals(105635840, s.vsize());
    assertEquals(1129, s.rssPages());
    assertFalse(s.kernelThread());
  }

  @Test
  void nameWithSpacesAndUnbalancedParenthesesEndsAtTheLastParenthesis() {
    ProcStat s = ProcfsParser.parseStat(fixture("stat-parens.txt"));
    assertEquals(4242, s.pid());
    assertEquals("a) b (c", s.comm());
    assertEquals('R', s.state());
    assertEquals(4000, s.ppid());
    assertEquals(4242, s.pgrp());
    assertEquals(3999, s.session());
    assertEquals(34816, s.ttyNr());
    assertEquals(250, s.utimeTicks());
    assertEquals(75, s.stimeTicks());
    assertEquals(5, s.nice());
    assertEquals(3, s.numThreads());
    assertEquals(123456, s.startTicks());
    assertEquals(512, s.rssPages());
  }

  @Test
  void negativeNiceValues() {
    ProcStat s =
        ProcfsParser.parseStat(
            "1 (init) S 0 1 1 0 -1 4194560 1 2 3 4 242 549 3003 2001 10 -10 13 0 18 44535808 3245 1");
    assertEquals(-10, s.nice());
    assertEquals(0, s.ppid());
    assertEquals(13, s.numThreads());
  }

  @Test
  void bytesAndTextParseAlike() {
    for (String name : List.of("stat-kthreadd.txt", "stat-sd-pam.txt", "stat-parens.txt")) {
      String text = fixture(name);
      byte[] buffer = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), 4096);
      buffer[text.length()] = ')'; // bytes past the length are not part of the file
      assertEquals(
          ProcfsParser.parseStat(text), ProcfsParser.parseStat(buffer, text.length()), name);
    }
  }

  @Test
  void commandNamesAreDecodedAsUtf8AndInvalidBytesReplaced() {
    byte[] utf8 =
        "7 (café ☕) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0\n"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals("café ☕", ProcfsParser.parseStat(utf8, utf8.length).comm());
    byte[] invalid =
        "7 (a\u00ffb) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("a\uFFFDb", ProcfsParser.parseStat(invalid, invalid.length).comm());
  }

  @Test
  void rejectsTextThatIsNotAStatLine() {
    assertThrows(IllegalArgumentException.class, () -> ProcfsParser.parseStat(""));
    assertThrows(IllegalArgumentException.class, () -> ProcfsParser.parseStat("12 (x) S 1 2"));
    assertThrows(IllegalArgumentException.class, () -> ProcfsParser.parseStat("no parens"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ProcfsParser.parseStat(
                "x2 (a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21"));
    byte[] cut = "12 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21".getBytes();
    assertThrows(IllegalArgumentException.class, () -> ProcfsParser.parseStat(cut, 20));
  }

  @Test
  void parsesStatusIdsMemoryAndSignalMasks() {
    ProcStatus s = ProcfsParser.parseStatus(fixture("status-trap.txt"));
    assertEquals("bash", s.name());
    assertEquals('S', s.state());
    assertEquals(5150, s.tgid());
    assertEquals(5149, s.ppid());
    assertArrayEquals(new int[] {1000, 0, 0, 0}, s.uids());
    assertEquals(1000, s.uid());
    assertEquals(0, s.euid());
    assertEquals(1000, s.egid());
    assertEquals(1, s.threads());
    assertEquals(3456L * 1024, s.vmRss());
    assertEquals(8204L * 1024, s.vmSize());
    assertEquals(0x100L, s.shdPnd());
    assertEquals(0x10000L, s.sigBlk());
    assertEquals(0x5L, s.sigIgn());
    assertEquals(0x180004002L, s.sigCgt());
  }

  @Test
  void kernelThreadStatusHasNoMemoryAndIgnoresEverything() {
    ProcStatus s = ProcfsParser.parseStatus(fixture("status-kthread.txt"));
    assertEquals("kworker/0:1-events", s.name());
    assertEquals('I', s.state());
    assertEquals(2, s.ppid());
    assertEquals(-1, s.vmRss());
    assertEquals(-1L, s.sigIgn());
  }

  @Test
  void statusNameEscapesAreUndone() {
    assertEquals("a\nb\\c", ProcfsParser.parseStatus("Name:\ta\\nb\\\\c\n").name());
  }

  @Test
  void cmdlineSplitsOnNul() {
    assertEquals(
        List.of("sleep", "100", "with space", ""),
        ProcfsParser.parseCmdline("sleep\0" + "100\0with space\0\0"));
    assertEquals(List.of(), ProcfsParser.parseCmdline(""));
    assertEquals(
        List.of("nginx: worker process"), ProcfsParser.parseCmdline("nginx: worker process"));
  }

  @Test
  void bootTime() {
    assertEquals(
        1764200000L,
        ProcfsParser.parseBootTime("cpu  1 2 3\nintr 5\nctxt 9\nbtime 1764200000\nprocesses 7\n"));
    assertThrows(IllegalArgumentException.class, () -> ProcfsParser.parseBootTime("cpu 1\n"));
  }
}
