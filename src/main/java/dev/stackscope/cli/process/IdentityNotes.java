package dev.stackscope.cli.process;

import dev.stackscope.container.ProcessIdentities;
import dev.stackscope.output.Output;

/** The notes saying what of units, containers and namespaces was hidden from this user. */
final class IdentityNotes {
  private IdentityNotes() {}

  /** Notes on stderr for what {@code ids} could not read; nothing when all was readable. */
  static void note(Output out, ProcessIdentities ids, boolean asRoot) {
    for (String root : ids.hiddenStates()) {
      out.note(
          "container names and images hidden: "
              + root
              + " is not readable by this user; root sees them");
    }
    int denied = ids.namespacesDenied();
    // As root, what stays unreadable is a sandbox's guarded process (PID 1 on some machines): its
    // null netns says so, and a note on every run would say nothing new.
    if (denied > 0 && !asRoot) {
      out.note(
          "the namespaces of "
              + denied
              + (denied == 1 ? " process are" : " processes are")
              + " hidden (not readable by this user); root sees them");
    }
  }
}
