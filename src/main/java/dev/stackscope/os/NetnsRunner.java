package dev.stackscope.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside another process's network namespace: on a thread of its own that joins it with
 * setns(2) on {@code /proc/PID/ns/net}. A thread's namespace is its own and this thread ends with
 * the work, so no other code of this JVM (the warm server's) ever runs in the namespace; a netlink
 * or other socket the work opens belongs to the namespace it was opened in. Needs CAP_SYS_ADMIN.
 */
public final class NetnsRunner {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int CLONE_NEWUTS = 0x04000000;
  private static final int EPERM = 1;

  private static final class Libc {
    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int close(int fd);

    static {
      Native.register("c");
    }
  }

  private NetnsRunner() {}

  /** Whether {@code nsFile} (e.g. /proc/PID/ns/net) is another namespace than this thread's. */
  public static boolean differs(Path proc, Path nsFile) throws IOException {
    return !Files.readSymbolicLink(nsFile)
        .equals(Files.readSymbolicLink(proc.resolve("thread-self/ns/" + nsFile.getFileName())));
  }

  /**
   * Runs {@code work} inside the UTS namespace (hostname) of {@code nsFile} (e.g.
   * /proc/PID/ns/uts), as {@link #run} does for a network namespace: /proc/sys/kernel/hostname read
   * there is that namespace's.
   */
  public static <T> T runInUts(Path nsFile, Callable<T> work) throws Exception {
    return run(nsFile, CLONE_NEWUTS, work);
  }

  /**
   * Runs {@code work} inside the network namespace of {@code nsFile} and returns its result. Not
   * entering the namespace is an {@link IOException} naming it; the work's own failure is rethrown
   * as it is.
   */
  public static <T> T run(Path nsFile, Callable<T> work) throws Exception {
    return run(nsFile, CLONE_NEWNET, work);
  }

  private static <T> T run(Path nsFile, int nstype, Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                enter(nsFile, nstype);
                result.set(work.call());
              } catch (Exception e) {
                failure.set(e);
              }
            },
            "netns");
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      t.interrupt();
      throw e;
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** Moves the calling thread into the namespace of {@code nsFile}. */
  private static void enter(Path nsFile, int nstype) throws IOException {
    int fd;
    try {
      fd = Libc.open(nsFile.toString(), O_RDONLY | O_CLOEXEC);
    } catch (LastErrorException e) {
      throw failed(nsFile, nstype, e);
    } catch (LinkageError e) {
      throw new IOException("cannot enter the namespace of " + nsFile + ": no libc", e);
    }
    try {
      Libc.setns(fd, nstype);
    } catch (LastErrorException e) {
      throw failed(nsFile, nstype, e);
    } finally {
      Libc.close(fd);
    }
  }

  private static IOException failed(Path nsFile, int nstype, LastErrorException e) {
    return new IOException(
        "cannot enter the "
            + (nstype == CLONE_NEWUTS ? "UTS" : "network")
            + " namespace of "
            + nsFile
            + ": "
            + (e.getErrorCode() == EPERM ? "not permitted (needs root)" : e.getMessage()));
  }
}
