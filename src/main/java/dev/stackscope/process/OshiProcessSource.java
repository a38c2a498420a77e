package dev.stackscope.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OSThread;
import oshi.software.os.OperatingSystem;

/**
 * The cross-platform source, through OSHI. OSHI does not report process groups, sessions or
 * terminals, so those are {@code -1}; the effective ids are the ones OSHI reports as the owner.
 */
public final class OshiProcessSource implements ProcessSource {
  private OperatingSystem os;

  private synchronized OperatingSystem os() {
    if (os == null) {
      os = new SystemInfo().getOperatingSystem();
    }
    return os;
  }

  @Override
  public List<ProcessInfo> snapshot(ProcessFields fields) {
    List<ProcessInfo> result = new ArrayList<>();
    for (OSProcess p : os().getProcesses()) {
      ProcessInfo info = convert(p, fields);
      if (info != null) {
        result.add(info);
      }
    }
    result.sort(Comparator.comparingInt(ProcessInfo::pid));
    return result;
  }

  @Override
  public Optional<ProcessInfo> process(int pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    OSProcess p = os().getProcess(pid);
    return p == null ? Optional.empty() : Optional.ofNullable(convert(p, ProcessFields.ALL));
  }

  @Override
  public List<ProcessThread> threads(int pid) {
    OSProcess p = os().getProcess(pid);
    if (p == null) {
      return List.of();
    }
    List<ProcessThread> threads = new ArrayList<>();
    for (OSThread t : p.getThreadDetails()) {
      threads.add(new ProcessThread(t.getThreadId(), t.getName()));
    }
    threads.sort(Comparator.comparingInt(ProcessThread::tid));
    return threads;
  }

  static ProcessInfo convert(OSProcess p, ProcessFields fields) {
    if (p.getState() == OSProcess.State.INVALID) {
      return null;
    }
    int uid = fields.owners() ? parseId(p.getUserID()) : -1;
    int gid = fields.owners() ? parseId(p.getGroupID()) : -1;
    String user = fields.owners() ? p.getUser() : null;
    List<String> command = fields.commandLines() ? List.copyOf(p.getArguments()) : null;
    String path = fields.executables() && !p.getPath().isEmpty() ? p.getPath() : null;
    long start = p.getStartTime();
    return new ProcessInfo(
        p.getProcessID(),
        p.getParentProcessID(),
        -1,
        -1,
        -1,
        p.getName(),
        state(p.getState()),
        command,
        path,
        uid,
        uid,
        gid,
        gid,
        user,
        start > 0 ? Instant.ofEpochMilli(start) : null,
        p.getThreadCount(),
        p.getResidentSetSize(),
        p.getVirtualSize(),
        p.getKernelTime() + p.getUserTime(),
        p.getPriority(),
        false);
  }

  private static String state(OSProcess.State s) {
    return switch (s) {
      case RUNNING -> "R";
      case SLEEPING -> "S";
      case WAITING -> "D";
      case ZOMBIE -> "Z";
      case STOPPED, SUSPENDED -> "T";
      default -> "?";
    };
  }

  private static int parseId(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
