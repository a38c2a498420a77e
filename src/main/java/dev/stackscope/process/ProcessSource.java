package dev.stackscope.process;

import java.util.List;
import java.util.Optional;

/**
 * Where process information comes from: {@link ProcfsProcessSource} on Linux (a lean {@code /proc}
 * reader), {@link OshiProcessSource} elsewhere. Processes that exit while being read are skipped.
 */
public interface ProcessSource {
  /** All processes with every field the source can read, in PID order. */
  default List<ProcessInfo> snapshot() {
    return snapshot(ProcessFields.ALL);
  }

  /** All processes, reading only the optional fields asked for, in PID order. */
  List<ProcessInfo> snapshot(ProcessFields fields);

  /** One process with every field the source can read; empty when there is no such process. */
  Optional<ProcessInfo> process(int pid);

  /** The threads of a process (empty when it is gone or they cannot be read), in TID order. */
  List<ProcessThread> threads(int pid);
}
