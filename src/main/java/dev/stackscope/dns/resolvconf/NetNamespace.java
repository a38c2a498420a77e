package dev.stackscope.dns.resolvconf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work inside another process's network namespace: on a thread of its own that joins it with
 * setns(2) (a thread's namespace is its own; the thread ends with the work, so no other code of
 * this JVM, such as the warm server's, ever runs in the namespace). Needs CAP_SYS_ADMIN.
 */
public final class NetNamespace {
  private static final int CLONE_NEWNET = 0x40000000;

  interface CLibrary extends Library {
    int setns(int fd, int nstype) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static CLibrary libc;

  private static synchronized CLibrary libc() {
    if (libc == null) {
      libc = Native.load("c", CLibrary.class);
    }
    return libc;
  }

  private NetNamespace() {}

  /** Whether {@code nsFile} (e.g. /proc/PID/ns/net) is another namespace than this thread's. */
  public static boolean differs(Path proc, Path nsFile) throws IOException {
    return !Files.readSymbolicLink(nsFile)
        .equals(Files.readSymbolicLink(proc.resolve("thread-self/ns/net")));
  }

  /** Runs {@code work} inside the network namespace of {@code nsFile}; its failure is rethrown. */
  public static <T> T run(Path nsFile, Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                int fd = libc().open(nsFile.toString(), 0);
                try {
                  libc().setns(fd, CLONE_NEWNET);
                } finally {
                  libc().close(fd);
                }
                result.set(work.call());
              } catch (LastErrorException e) {
                failure.set(
                    new IOException(
                        "cannot enter the network namespace of "
                            + nsFile
                            + ": "
                            + (e.getErrorCode() == 1
                                ? "not permitted (needs root)"
                                : e.getMessage())));
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
}
