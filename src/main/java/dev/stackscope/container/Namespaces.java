package dev.stackscope.container;

/**
 * A process's namespaces by inode ({@code readlink /proc/PID/ns/net} is {@code net:[4026531833]});
 * -1 where the link could not be read.
 */
public record Namespaces(long net, long pid, long mnt, long uts) {
  public static final Namespaces UNKNOWN = new Namespaces(-1, -1, -1, -1);

  /** The namespace kinds shown, in order. */
  public static final String[] KINDS = {"net", "pid", "mnt", "uts"};

  /** The inode of the namespace of {@code kind} ("net", "pid", "mnt", "uts"). */
  public long of(String kind) {
    return switch (kind) {
      case "net" -> net;
      case "pid" -> pid;
      case "mnt" -> mnt;
      case "uts" -> uts;
      default -> -1;
    };
  }

  /**
   * The inode in a namespace link's text ({@code net:[4026531833]}), or -1 when it is not of that
   * form for {@code kind}.
   */
  public static long parseLink(String kind, String link) {
    if (link == null
        || !link.startsWith(kind)
        || link.length() < kind.length() + 4
        || link.charAt(kind.length()) != ':'
        || link.charAt(kind.length() + 1) != '['
        || !link.endsWith("]")) {
      return -1;
    }
    return Decimal.parse(link.substring(kind.length() + 2, link.length() - 1));
  }
}
