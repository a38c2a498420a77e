package dev.stackscope.stack.declared;

/**
 * A connection a process's configuration says it makes: to {@code host}:{@code port} over TCP, or
 * to the Unix socket {@code unixPath} (an abstract name as {@code @name}).
 *
 * @param pid the process whose configuration or environment it is
 * @param program nginx, haproxy, or the program whose environment held the URL
 * @param directive what declared it: {@code proxy_pass}, {@code upstream app} (a server line of an
 *     upstream block), {@code backend app} (haproxy), {@code DATABASE_URL}
 * @param host the target's host as written (an address or a name); null for a Unix socket
 * @param port the target's port; 0 for a Unix socket
 * @param unixPath the Unix socket's path; null for TCP
 * @param file the file it was read from, or null for an environment variable
 * @param line the line in {@code file} (1-based), 0 for an environment variable
 */
public record Declaration(
    int pid,
    String program,
    String directive,
    String host,
    int port,
    String unixPath,
    String file,
    int line) {
  /** {@code nginx.conf:12}, or the variable's name for an environment variable. */
  public String where() {
    if (file == null) {
      return "environment " + directive;
    }
    int slash = file.lastIndexOf('/');
    return file.substring(slash + 1) + ":" + line;
  }

  /** {@code unix:/run/app.sock} or {@code 127.0.0.1:8000} ({@code [::1]:8000}). */
  public String target() {
    if (unixPath != null) {
      return "unix:" + unixPath;
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
