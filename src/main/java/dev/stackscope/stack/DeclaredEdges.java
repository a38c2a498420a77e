package dev.stackscope.stack;

import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.declared.ConfigFiles;
import dev.stackscope.stack.declared.Declaration;
import dev.stackscope.stack.declared.EnvironmentUrls;
import dev.stackscope.stack.declared.HaproxyConfig;
import dev.stackscope.stack.declared.NginxConfig;
import dev.stackscope.stack.note.Note;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what the components' configuration declares: the nginx masters' configurations, haproxy's
 * {@code -f} files, and the connection URLs in the components' processes' environments. Files are
 * read as each process sees them, through {@code <proc>/PID/root}.
 */
public final class DeclaredEdges {
  /** The most bytes of one process's environment looked at. */
  static final int MAX_ENVIRON = 256 * 1024;

  /** The most processes whose environment is read. */
  static final int MAX_PROCESSES = 512;

  private final Path proc;

  public DeclaredEdges(Path proc) {
    this.proc = proc;
  }

  /** The declarations, and notes on what could not be read. */
  public record Found(List<Declaration> declarations, List<Note> notes) {}

  public Found find(StackMap map, List<StackProcess> processes) {
    Map<Integer, StackProcess> byPid = new HashMap<>();
    for (StackProcess p : processes) {
      byPid.put(p.pid(), p);
    }
    List<Declaration> out = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    Set<String> configs = new HashSet<>();
    int read = 0;
    for (Component c : map.components()) {
      for (int pid : c.pids()) {
        StackProcess p = byPid.get(pid);
        if (p == null || read >= MAX_PROCESSES) {
          continue;
        }
        StackProcess parent = byPid.get(p.ppid());
        boolean master = parent == null || !parent.comm().equals(p.comm());
        if (p.comm().equals("nginx") && master) {
          String main = NginxConfig.mainFile(nginxArgv(p.argv()));
          if (configs.add(pid + "|" + main)) {
            ConfigFiles files = files(pid);
            out.addAll(NginxConfig.read(files, pid, main));
            note(notes, "nginx", pid, files);
          }
        } else if (p.comm().equals("haproxy") && master) {
          ConfigFiles files = files(pid);
          out.addAll(HaproxyConfig.read(files, pid, p.argv(), cwd(pid)));
          note(notes, "haproxy", pid, files);
        }
        read++;
        String environ = environ(pid);
        if (environ != null) {
          out.addAll(EnvironmentUrls.parse(pid, p.comm(), environ));
        }
      }
    }
    return new Found(out, notes);
  }

  private static void note(List<Note> notes, String program, int pid, ConfigFiles files) {
    for (Note n : files.notes()) {
      notes.add(n.of(program, pid));
    }
  }

  /**
   * nginx rewrites its master's command line as one string ("nginx: master process nginx -c FILE"):
   * its words again.
   */
  static List<String> nginxArgv(List<String> argv) {
    if (argv.size() == 1 && argv.get(0).startsWith("nginx: master process ")) {
      return List.of(argv.get(0).substring("nginx: master process ".length()).split(" +"));
    }
    return argv;
  }

  private ConfigFiles files(int pid) {
    Path root = proc.resolve(Integer.toString(pid)).resolve("root");
    if (Files.isDirectory(root)) {
      return new ConfigFiles(root);
    }
    // a fixture tree's processes see the fixture's files, never this machine's
    Path parent = proc.toAbsolutePath().getParent();
    return new ConfigFiles(proc.equals(Path.of("/proc")) || parent == null ? Path.of("/") : parent);
  }

  /** The process's working directory, or null. */
  private String cwd(int pid) {
    try {
      return Files.readSymbolicLink(proc.resolve(Integer.toString(pid)).resolve("cwd")).toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private String environ(int pid) {
    try (InputStream in =
        Files.newInputStream(proc.resolve(Integer.toString(pid)).resolve("environ"))) {
      return new String(in.readNBytes(MAX_ENVIRON), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null; // another user's, or gone
    }
  }
}
