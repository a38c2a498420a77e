package dev.stackscope.net;

import java.util.regex.Pattern;

/**
 * Which Unix sockets {@code ports --unix} shows: listeners and bound datagram sockets (ss -xl)
 * unless {@code allStates}; {@code state}, {@code pid}, {@code process} are null when not filtered
 * on ({@code process} is found anywhere in an owner's name).
 */
public record UnixQuery(boolean allStates, SocketState state, Integer pid, Pattern process) {

  boolean selectsWithoutOwners(SocketState s) {
    return state != null ? s.matches(state) : allStates || s.isListening();
  }

  boolean selectsOwners(java.util.List<SocketOwner> owners) {
    if (pid != null && owners.stream().noneMatch(o -> o.pid() == pid)) {
      return false;
    }
    return process == null
        || owners.stream()
            .anyMatch(o -> o.process() != null && process.matcher(o.process()).find());
  }
}
