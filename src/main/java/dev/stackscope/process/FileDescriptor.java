package dev.stackscope.process;

/**
 * One open file descriptor: its number, what {@code /proc/PID/fd/N} points at, and the kind of
 * thing that is.
 *
 * @param fd the descriptor number
 * @param target the link target ({@code /dev/null}, {@code pipe:[123]}, {@code socket:[456]}, a
 *     path, {@code anon_inode:[eventfd]})
 * @param kind what it is
 * @param inode the pipe's or socket's inode, 0 for other kinds
 */
public record FileDescriptor(int fd, String target, Kind kind, long inode) {
  /** Kinds of descriptors, as counted by {@code proc}. */
  public enum Kind {
    NULL("null"),
    TTY("tty"),
    PIPE("pipe"),
    SOCKET("socket"),
    FILE("file"),
    DEVICE("device"),
    ANON("anon"),
    OTHER("other");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Classifies a link target of {@code /proc/PID/fd/N}. */
  public static FileDescriptor classify(int fd, String target) {
    if (target.equals("/dev/null")) {
      return new FileDescriptor(fd, target, Kind.NULL, 0);
    }
    if (target.startsWith("pipe:[")) {
      return new FileDescriptor(fd, target, Kind.PIPE, inode(target, 6));
    }
    if (target.startsWith("socket:[")) {
      return new FileDescriptor(fd, target, Kind.SOCKET, inode(target, 8));
    }
    if (target.startsWith("anon_inode:")) {
      return new FileDescriptor(fd, target, Kind.ANON, 0);
    }
    if (target.startsWith("/dev/pts/")
        || target.startsWith("/dev/tty")
        || target.equals("/dev/console")) {
      return new FileDescriptor(fd, target, Kind.TTY, 0);
    }
    if (target.startsWith("/dev/")) {
      return new FileDescriptor(fd, target, Kind.DEVICE, 0);
    }
    if (target.startsWith("/")) {
      return new FileDescriptor(fd, target, Kind.FILE, 0);
    }
    return new FileDescriptor(fd, target, Kind.OTHER, 0);
  }

  private static long inode(String target, int from) {
    int end = target.indexOf(']', from);
    try {
      return Long.parseLong(target.substring(from, end < 0 ? target.length() : end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
