package dev.stackscope.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** {@link SignalSender} through libc's {@code kill(2)}, loaded with JNA on first use. */
final class LibcSignalSender implements SignalSender {
  private static final int EPERM = 1;
  private static final int ESRCH = 3;

  /** The one libc function needed. */
  interface CLibrary extends Library {
    int kill(int pid, int sig) throws LastErrorException;
  }

  private static CLibrary libc;

  private static synchronized CLibrary libc() {
    if (libc == null) {
      libc = Native.load("c", CLibrary.class);
    }
    return libc;
  }

  @Override
  public Outcome send(int pid, int signal) {
    if (pid <= 0) {
      // kill() with 0 or a negative pid signals process groups: never what "send to PID" means
      throw new IllegalArgumentException("not a process id: " + pid);
    }
    try {
      libc().kill(pid, signal);
      return Outcome.SENT;
    } catch (LastErrorException e) {
      return switch (e.getErrorCode()) {
        case ESRCH -> Outcome.NO_SUCH_PROCESS;
        case EPERM -> Outcome.NOT_PERMITTED;
        default ->
            throw new IllegalStateException(
                "kill(" + pid + ", " + signal + ") failed: errno " + e.getErrorCode(), e);
      };
    }
  }
}
