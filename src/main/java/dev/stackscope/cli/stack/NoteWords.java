package dev.stackscope.cli.stack;

import dev.stackscope.stack.note.Note;

/** The words of the stack map's notes on stderr. */
final class NoteWords {
  private NoteWords() {}

  static String of(Note n) {
    return switch (n.kind()) {
      case CLOSE_WAIT_PILE_UP ->
          n.count()
              + " connections in CLOSE_WAIT at "
              + at(n)
              + ": the clients have closed, the server has not (a CLOSE_WAIT pile-up)";
      case UNIDENTIFIED_CLIENT ->
          n.count()
              + " connection(s) to "
              + at(n)
              + " from a local process that could not be identified (closed, or another user's)";
      case SELF_CONNECTION ->
          n.count()
              + " closed connection(s) to "
              + at(n)
              + " from the same process (a self-connection)";
      case RULES_UNREADABLE ->
          "role rules in " + n.path() + " not used: cannot read it (" + n.reason() + ")";
      default -> configuration(n);
    };
  }

  private static String at(Note n) {
    return n.subject() + " port " + n.port();
  }

  /** A note on a process's configuration files: "nginx (pid 12) configuration: …". */
  private static String configuration(Note n) {
    String what =
        switch (n.kind()) {
          case CONFIG_TOO_MANY_FILES ->
              "more than "
                  + n.count()
                  + " configuration files: "
                  + n.path()
                  + " and later ones skipped";
          case CONFIG_TOO_LARGE ->
              "configuration larger than " + n.count() + " MiB: " + n.path() + " skipped";
          case CONFIG_FILE_TRUNCATED ->
              n.path() + " is larger than " + n.count() + " MiB: the rest is ignored";
          case CONFIG_UNREADABLE -> "cannot read " + n.path() + ": " + n.reason();
          case CONFIG_WILDCARD_DIRECTORY ->
              "include " + n.path() + ": wildcards in directories are not followed";
          case CONFIG_UNLISTABLE -> "cannot list " + n.path() + ": " + n.reason();
          default -> throw new IllegalArgumentException("not a configuration note: " + n.kind());
        };
    return n.subject() == null
        ? what
        : n.subject() + " (pid " + n.pid() + ") configuration: " + what;
  }
}
