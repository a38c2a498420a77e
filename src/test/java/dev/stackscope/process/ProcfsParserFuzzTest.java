package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the {@code /proc/PID/stat}, {@code status} and {@code cmdline} parsers and the
 * {@code btime} line of {@code /proc/stat} (docs/fuzzing.md). Without JAZZER_FUZZ it replays the
 * corpus in {@code ProcfsParserFuzzTestInputs/procfs/}.
 */
class ProcfsParserFuzzTest {
  /**
   * Arbitrary text: only IllegalArgumentException escapes, and the stat parser reads the same from
   * the text as from its UTF-8 bytes. A stat line, status file or command line written the way the
   * kernel writes one, with a command name that holds spaces, parentheses and newlines, parses back
   * to the values written.
   */
  @FuzzTest
  void procfs(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 2)) {
      case 0 -> arbitrary(data.consumeRemainingAsString());
      case 1 -> statLine(data);
      default -> statusAndCmdline(data);
    }
  }

  private static void arbitrary(String text) {
    ProcStat fromText = null;
    try {
      fromText = ProcfsParser.parseStat(text);
    } catch (IllegalArgumentException e) {
      // not a stat line
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ProcStat fromBytes = null;
    try {
      fromBytes = ProcfsParser.parseStat(bytes, bytes.length);
    } catch (IllegalArgumentException e) {
      // not a stat line
    }
    assertEquals(fromText, fromBytes);
    try {
      ProcfsParser.parseStatus(text);
    } catch (IllegalArgumentException e) {
      // a malformed number
    }
    try {
      ProcfsParser.parseBootTime(text);
    } catch (IllegalArgumentException e) {
      // no btime line
    }
    List<String> argv = ProcfsParser.parseCmdline(text);
    assertEquals(text.replace("\0", "").length(), argv.stream().mapToInt(String::length).sum());
  }

  private static void statLine(FuzzedDataProvider data) {
    int pid = data.consumeInt(1, 4_194_304);
    char state = data.pickValue(new Character[] {'R', 'S', 'D', 'Z', 'T', 't', 'X', 'I'});
    long[] f = new long[25];
    for (int i = 4; i <= 24; i++) {
      f[i] = i == 19 ? data.consumeInt(-20, 19) : data.consumeLong(0, Long.MAX_VALUE);
    }
    for (int i : new int[] {4, 5, 6, 7, 20}) {
      f[i] = data.consumeInt(0, Integer.MAX_VALUE); // pid_t and int fields
    }
    String comm = data.consumeRemainingAsString();
    StringBuilder line = new StringBuilder().append(pid).append(" (").append(comm).append(") ");
    line.append(state);
    for (int i = 4; i <= 52; i++) {
      line.append(' ').append(i <= 24 ? f[i] : 0);
    }
    line.append('\n');
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    ProcStat s = ProcfsParser.parseStat(bytes, bytes.length);
    String written = new String(comm.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(pid, s.pid());
    assertEquals(written, s.comm());
    assertEquals(state, s.state());
    assertEquals(f[4], s.ppid());
    assertEquals(f[5], s.pgrp());
    assertEquals(f[6], s.session());
    assertEquals(f[7], s.ttyNr());
    assertEquals(f[9], s.flags());
    assertEquals(f[14], s.utimeTicks());
    assertEquals(f[15], s.stimeTicks());
    assertEquals(f[19], s.nice());
    assertEquals(f[20], s.numThreads());
    assertEquals(f[22], s.startTicks());
    assertEquals(f[23], s.vsize());
    assertEquals(f[24], s.rssPages());
  }

  private static void statusAndCmdline(FuzzedDataProvider data) {
    int[] uids = new int[4];
    for (int i = 0; i < 4; i++) {
      uids[i] = data.consumeInt(0, Integer.MAX_VALUE);
    }
    int ppid = data.consumeInt(0, 4_194_304);
    long sigBlk = data.consumeLong();
    long rssKb = data.consumeLong(0, Long.MAX_VALUE / 1024);
    List<String> argv = new ArrayList<>();
    int args = data.consumeInt(1, 6);
    for (int i = 0; i < args; i++) {
      argv.add(data.consumeString(40).replace("\0", ""));
    }
    // proc_task_name escapes '\\' and '\n' as below, and the other controls of ESCAPE_SPACE and
    // ESCAPE_SPECIAL in ways the parser leaves as they are: those are left out here
    String name = data.consumeRemainingAsString().replaceAll("[\\t\\r\\f\\x0b\\x07\\x1b\"]", "");
    String escaped = name.replace("\\", "\\\\").replace("\n", "\\n");
    String status =
        "Name:\t"
            + escaped
            + "\nUmask:\t0022\nState:\tS (sleeping)\nPPid:\t"
            + ppid
            + "\nUid:\t"
            + uids[0]
            + "\t"
            + uids[1]
            + "\t"
            + uids[2]
            + "\t"
            + uids[3]
            + "\nVmRSS:\t"
            + rssKb
            + " kB\nSigBlk:\t"
            + String.format("%016x", sigBlk)
            + "\n";
    ProcStatus s = ProcfsParser.parseStatus(status);
    assertEquals(name, s.name());
    assertEquals('S', s.state());
    assertEquals(ppid, s.ppid());
    assertEquals(uids[0], s.uid());
    assertEquals(uids[1], s.euid());
    assertEquals(rssKb * 1024, s.vmRss());
    assertEquals(sigBlk, s.sigBlk());

    String cmdline = String.join("\0", argv) + "\0";
    List<String> parsed = ProcfsParser.parseCmdline(cmdline);
    // a trailing empty argument cannot be told from the terminating NUL
    List<String> expected = new ArrayList<>(argv);
    assertTrue(parsed.size() <= expected.size());
    assertEquals(expected.subList(0, parsed.size()), parsed);
  }
}
