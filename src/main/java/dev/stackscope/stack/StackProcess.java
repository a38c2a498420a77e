package dev.stackscope.stack;

import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.Secrets;
import java.util.List;

/**
 * The part of a process the stack map needs.
 *
 * @param pid process id
 * @param ppid parent's pid
 * @param comm the kernel's command name (at most 15 characters, so possibly a prefix)
 * @param argv the command line; empty when it could not be read (another user's process, a zombie)
 * @param executable path of the executable, or null when it could not be read
 * @param user owner's name, or null when unknown
 */
public record StackProcess(
    int pid, int ppid, String comm, List<String> argv, String executable, String user) {
  public StackProcess {
    argv = argv == null ? List.of() : List.copyOf(argv);
    comm = comm == null ? "" : comm;
  }

  /**
   * Adapts a process from the processes package, its secrets masked: names of components come from
   * the command line, so a password there must not become one.
   */
  public static StackProcess of(ProcessInfo p) {
    List<String> argv = Secrets.maskCommandLine(p.command(), CommandLines.MASK);
    return new StackProcess(p.pid(), p.ppid(), p.name(), argv, p.executable(), p.user());
  }

  /** The command line joined with spaces (the process title, for programs that set one). */
  public String title() {
    return String.join(" ", argv);
  }
}
