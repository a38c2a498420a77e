package dev.stackscope.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the details of one process from Linux's {@code /proc}: environment, file descriptors,
 * working directory, terminal and signal masks, plus its ancestry. What permissions hide is
 * reported, not fatal.
 */
public final class ProcessInspector {
  private final ProcfsProcessSource source;
  private final Path root;

  public ProcessInspector(ProcfsProcessSource source) {
    this.source = source;
    this.root = source.root();
  }

  /**
   * @throws NoSuchProcessException when there is no such process (or it exits while being read)
   */
  public ProcessDetails inspect(int pid) {
    ProcessInfo info = source.process(pid).orElseThrow(() -> new NoSuchProcessException(pid));
    Path dir = root.resolve(Integer.toString(pid));
    Set<String> denied = new LinkedHashSet<>();
    ProcStatus status;
    try {
      status = ProcfsParser.parseStatus(Files.readString(dir.resolve("status")));
    } catch (IOException e) {
      throw new NoSuchProcessException(pid);
    }
    String cwd = link(dir.resolve("cwd"), "working directory", denied);
    if (info.executable() == null && !info.kernelThread()) {
      link(dir.resolve("exe"), "executable", denied);
    }
    List<EnvironmentVariable> env = environment(dir, denied);
    List<FileDescriptor> fds = fds(dir, denied);
    if (Files.notExists(dir)) {
      throw new NoSuchProcessException(pid);
    }
    List<ProcessInfo> ancestors = new ArrayList<>();
    ProcessInfo p = info;
    while (p.ppid() > 0 && ancestors.size() < 4096) {
      ProcessInfo parent = source.process(p.ppid()).orElse(null);
      if (parent == null) {
        break;
      }
      ancestors.add(parent);
      p = parent;
    }
    return new ProcessDetails(
        info,
        TtyNames.name(info.ttyNr()),
        cwd,
        ancestors,
        env,
        fds,
        ProcessDetails.SignalMasks.of(status),
        List.copyOf(denied));
  }

  private static String link(Path path, String what, Set<String> denied) {
    try {
      return Files.readSymbolicLink(path).toString();
    } catch (AccessDeniedException e) {
      denied.add(what);
      return null;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static List<EnvironmentVariable> environment(Path dir, Set<String> denied) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve("environ"));
    } catch (AccessDeniedException e) {
      denied.add("environment");
      return null;
    } catch (IOException e) {
      return null;
    }
    return parseEnviron(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Parses {@code /proc/PID/environ} (NUL-separated NAME=value entries). */
  public static List<EnvironmentVariable> parseEnviron(String text) {
    List<EnvironmentVariable> env = new ArrayList<>();
    for (String entry : ProcfsParser.parseCmdline(text)) {
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=', 1);
      String name = eq < 0 ? entry : entry.substring(0, eq);
      String value = eq < 0 ? "" : entry.substring(eq + 1);
      boolean secret = Secrets.isSecretVariable(name, value);
      env.add(new EnvironmentVariable(name, value, secret));
    }
    return env;
  }

  private static List<FileDescriptor> fds(Path dir, Set<String> denied) {
    List<FileDescriptor> fds = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path entry : entries) {
        int fd = ProcfsProcessSource.parsePid(entry.getFileName().toString());
        if (fd < 0) {
          continue;
        }
        try {
          fds.add(FileDescriptor.classify(fd, Files.readSymbolicLink(entry).toString()));
        } catch (NoSuchFileException e) {
          // closed while we looked
        } catch (IOException e) {
          denied.add("file descriptors");
        }
      }
    } catch (AccessDeniedException e) {
      denied.add("file descriptors");
      return null;
    } catch (IOException e) {
      return null;
    }
    fds.sort(Comparator.comparingInt(FileDescriptor::fd));
    return fds;
  }
}
