package dev.stackscope.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Live PIDs with their names, for completing a parameter labelled {@value #LABEL}. Reads only
 * {@code <proc>/<pid>/comm} (one small read per process), so a Tab at ~600 processes stays cheap; a
 * process that exits mid-scan is skipped.
 */
public final class PidCandidates {
  /** The parameter label that completes to live PIDs: {@code paramLabel = PidCandidates.LABEL}. */
  public static final String LABEL = "PID";

  /** One running process: its PID and short name (untrusted text). */
  public record LiveProcess(long pid, String name) {}

  private final Path proc;

  public PidCandidates(Path proc) {
    this.proc = proc;
  }

  /** The processes running now, by PID; empty where there is no /proc. */
  public List<LiveProcess> list() {
    List<LiveProcess> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
      for (Path dir : dirs) {
        String file = dir.getFileName().toString();
        if (!isPid(file)) {
          continue;
        }
        try {
          String comm = new String(Files.readAllBytes(dir.resolve("comm")), StandardCharsets.UTF_8);
          out.add(new LiveProcess(Long.parseLong(file), comm.strip()));
        } catch (IOException | NumberFormatException gone) {
          // exited while we looked, or not readable: not a candidate
        }
      }
    } catch (IOException | SecurityException noProc) {
      return List.of();
    }
    out.sort(Comparator.comparingLong(LiveProcess::pid));
    return out;
  }

  /**
   * True when a parameter label names a PID ({@code PID}, {@code <pid>}, {@code PID...}, {@code
   * [PID]}).
   */
  public static boolean isPidLabel(String label) {
    if (label == null) {
      return false;
    }
    String l = label.replaceAll("[<>\\[\\].]", "").trim();
    return l.equalsIgnoreCase("pid") || l.equalsIgnoreCase("pids");
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 10) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
