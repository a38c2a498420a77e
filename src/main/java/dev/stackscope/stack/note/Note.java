package dev.stackscope.stack.note;

/**
 * Something the stack map could not show or read: a note for stderr, worded by the output layer.
 * Each kind uses some of the values, the others null.
 *
 * @param kind what happened
 * @param subject the component (or, for a configuration, the program) the note is about
 * @param pid the process whose configuration it is
 * @param port the component's listening port
 * @param count how many connections; for a limit reached, the limit (files, or MiB)
 * @param path the file, directory or include pattern
 * @param reason why a file could not be read, as the system says it
 */
public record Note(
    Kind kind,
    String subject,
    Integer pid,
    Integer port,
    Integer count,
    String path,
    String reason) {
  /** What a note says. */
  public enum Kind {
    /** {@code count} connections in CLOSE_WAIT at {@code subject}'s {@code port}, no client. */
    CLOSE_WAIT_PILE_UP,
    /** {@code count} connections to {@code subject}'s {@code port} from an unknown process. */
    UNIDENTIFIED_CLIENT,
    /** {@code count} closed connections to {@code subject}'s {@code port} from itself. */
    SELF_CONNECTION,
    /** A role rules file at {@code path} exists but cannot be read, for {@code reason}. */
    RULES_UNREADABLE,
    /** More than {@code count} configuration files: {@code path} and later ones skipped. */
    CONFIG_TOO_MANY_FILES,
    /** Configuration larger than {@code count} MiB in all: {@code path} skipped. */
    CONFIG_TOO_LARGE,
    /** {@code path} is larger than {@code count} MiB: the rest is ignored. */
    CONFIG_FILE_TRUNCATED,
    /** {@code path} cannot be read, for {@code reason}. */
    CONFIG_UNREADABLE,
    /** The include pattern {@code path} has wildcards in directories, not followed. */
    CONFIG_WILDCARD_DIRECTORY,
    /** The directory {@code path} cannot be listed, for {@code reason}. */
    CONFIG_UNLISTABLE
  }

  /** A note on connections to a component's port. */
  public static Note connections(Kind kind, String component, int port, int count) {
    return new Note(kind, component, null, port, count, null, null);
  }

  /** A note on a file (or a limit reached at it). */
  public static Note file(Kind kind, String path, Integer limit, String reason) {
    return new Note(kind, null, null, null, limit, path, reason);
  }

  /** This note about a file, as a configuration of {@code program}'s process {@code pid}. */
  public Note of(String program, int pid) {
    return new Note(kind, program, pid, port, count, path, reason);
  }
}
