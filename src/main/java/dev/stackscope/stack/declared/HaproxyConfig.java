package dev.stackscope.stack.declared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The servers an haproxy configuration declares: the {@code server} lines of its {@code backend}
 * and {@code listen} sections, Unix sockets ({@code unix@/path}, {@code /path}, abstract {@code
 * abns@name}) included. The files are the {@code -f} arguments of the command line (a directory
 * stands for its {@code *.cfg} files, sorted). A server without a port (it takes the frontend's) is
 * skipped.
 */
public final class HaproxyConfig {
  private static final Set<String> SECTIONS =
      Set.of(
          "global",
          "defaults",
          "frontend",
          "backend",
          "listen",
          "peers",
          "resolvers",
          "userlist",
          "mailers",
          "program",
          "http-errors",
          "ring",
          "cache",
          "fcgi-app",
          "crt-store",
          "traces");

  /** The most lines looked at in one file. */
  static final int MAX_LINES = 1_000_000;

  private HaproxyConfig() {}

  /** The configuration files of an haproxy command line: each {@code -f} argument. */
  public static List<String> files(List<String> argv) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < argv.size() && out.size() < ConfigFiles.MAX_FILES; i++) {
      String a = argv.get(i);
      if (a.equals("-f") && i + 1 < argv.size()) {
        out.add(argv.get(++i));
      } else if (a.equals("--")) {
        // haproxy -- FILE...: the rest are configuration files
        for (int k = i + 1; k < argv.size() && out.size() < ConfigFiles.MAX_FILES; k++) {
          out.add(argv.get(k));
        }
        break;
      }
    }
    return out;
  }

  /**
   * The declarations of the configuration the command line names, files read through files; a
   * relative path is taken from {@code cwd} (the process's working directory; null: /).
   */
  public static List<Declaration> read(ConfigFiles files, int pid, List<String> argv, String cwd) {
    List<Declaration> out = new ArrayList<>();
    for (String named : files(argv)) {
      String f =
          named.startsWith("/")
              ? named
              : (cwd == null ? "" : cwd.endsWith("/") ? cwd : cwd + "/") + named;
      List<String> each = files.isDirectory(f) ? files.list(f, "*.cfg") : List.of(f);
      for (String path : each) {
        String text = files.read(path);
        if (text != null) {
          out.addAll(parse(pid, path, text));
        }
      }
    }
    return out;
  }

  /** The declarations of one file's text. */
  public static List<Declaration> parse(int pid, String file, String text) {
    List<Declaration> out = new ArrayList<>();
    String section = null;
    String[] lines = text.split("\n", MAX_LINES);
    for (int n = 0; n < lines.length; n++) {
      List<String> words = words(lines[n]);
      if (words.isEmpty()) {
        continue;
      }
      String first = words.get(0).toLowerCase(Locale.ROOT);
      if (SECTIONS.contains(first)) {
        section = first + (words.size() > 1 ? " " + words.get(1) : "");
        continue;
      }
      if (section == null
          || !(section.startsWith("backend") || section.startsWith("listen"))
          || !first.equals("server")
          || words.size() < 3
          || out.size() >= 4096) {
        continue;
      }
      Declaration d = address(pid, section, words.get(2), file, n + 1);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static Declaration address(int pid, String section, String a, String file, int line) {
    if (a.indexOf('$') >= 0) {
      return null; // an environment variable: haproxy's, not ours to guess
    }
    String lower = a.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unix@") || a.startsWith("/")) {
      String path = a.startsWith("/") ? a : a.substring(5);
      return path.isEmpty()
          ? null
          : new Declaration(pid, "haproxy", section, null, 0, path, file, line);
    }
    if (lower.startsWith("abns@")) {
      String name = a.substring(5);
      return name.isEmpty()
          ? null
          : new Declaration(pid, "haproxy", section, null, 0, "@" + name, file, line);
    }
    if (lower.startsWith("ipv4@") || lower.startsWith("ipv6@") || lower.startsWith("tcp@")) {
      a = a.substring(a.indexOf('@') + 1);
    }
    if (a.indexOf('@') >= 0) {
      return null; // another address family (sockpair@, udp@, ...)
    }
    String v = a;
    if (!v.startsWith("[") && v.indexOf(':') != v.lastIndexOf(':')) {
      // haproxy writes IPv6 without brackets: the port is after the last colon
      int colon = v.lastIndexOf(':');
      v = "[" + v.substring(0, colon) + "]" + v.substring(colon);
    }
    HostPort hp = HostPort.parse(v, 0);
    return hp == null
        ? null
        : new Declaration(pid, "haproxy", section, hp.host(), hp.port(), null, file, line);
  }

  /** A line's words: blanks separate them, {@code #} starts a comment, quotes group. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = null;
    char quote = 0;
    for (int i = 0; i < line.length() && out.size() < 64; i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          b.append(c);
        }
      } else if (c == '#' && b == null) {
        break;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        if (b != null) {
          out.add(b.toString());
          b = null;
        }
      } else {
        if (b == null) {
          b = new StringBuilder();
        }
        if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '\\' && i + 1 < line.length()) {
          b.append(line.charAt(++i));
        } else {
          b.append(c);
        }
      }
    }
    if (b != null && out.size() < 64) {
      out.add(b.toString());
    }
    return out;
  }
}
