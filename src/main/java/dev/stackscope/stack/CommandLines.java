package dev.stackscope.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the program out of a command line: basenames, interpreters' scripts, Java main class. */
final class CommandLines {
  private CommandLines() {}

  /** What {@link StackProcess#of} puts in place of a secret. */
  static final String MASK = "•••";

  private static final Set<String> VALUE_FLAGS =
      Set.of(
          // python
          "-W",
          "-X",
          "-Q",
          // node
          "-r",
          "--require",
          "--import",
          "--loader",
          "--inspect-port",
          "--title",
          // ruby
          "-I",
          "-C",
          // java
          "-cp",
          "-classpath",
          "--class-path",
          "-p",
          "--module-path",
          "--add-opens",
          "--add-exports",
          "--add-modules",
          "--add-reads",
          "--upgrade-module-path",
          "--patch-module",
          "--limit-modules",
          "-splash");
  private static final Set<String> INLINE_CODE_FLAGS = Set.of("-c", "-e", "--eval", "-E", "-p");
  private static final Pattern SCRIPT_EXTENSION =
      Pattern.compile("\\.(py|pyc|pyz|rb|js|mjs|cjs|ts|pl|pm|php|sh|bash|jar|war)$");

  /** The last path segment, e.g. {@code /usr/sbin/nginx} → {@code nginx}. */
  static String basename(String path) {
    if (path == null) {
      return "";
    }
    String p = path;
    if (p.endsWith(" (deleted)")) {
      p = p.substring(0, p.length() - " (deleted)".length());
    }
    int slash = p.lastIndexOf('/');
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  /** A script's name without its extension: {@code app/worker.py} → {@code worker}. */
  static String scriptName(String path) {
    String b = basename(path);
    return SCRIPT_EXTENSION.matcher(b).replaceFirst("");
  }

  /**
   * The program an interpreter runs: its first non-flag argument ({@code python -m celery} → {@code
   * celery}, {@code java -jar app.jar} → {@code app}); null for inline code or none.
   */
  static String interpretedProgram(List<String> argv) {
    boolean java = basename(argv.isEmpty() ? "" : argv.get(0)).equals("java");
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-m") && !java
          || a.equals("-jar")
          || a.equals("--module")
          || java && a.equals("-m")) {
        return i + 1 < argv.size() ? scriptName(afterSlash(argv.get(i + 1), java)) : null;
      }
      if (!java && INLINE_CODE_FLAGS.contains(a) || java && a.equals("--source")) {
        return null;
      }
      if (VALUE_FLAGS.contains(a)) {
        i++;
        continue;
      }
      // a masked argument (StackProcess masks argv) is a secret option's value, never the program:
      // node --password ••• server.js runs server.js
      if (a.startsWith("-") || a.contains(MASK)) {
        continue;
      }
      return java ? a : scriptName(a);
    }
    return null;
  }

  private static String afterSlash(String module, boolean java) {
    // java -m module/main.Class names the class after the slash
    int slash = module.indexOf('/');
    return java && slash > 0 && !module.endsWith(".jar") ? module.substring(slash + 1) : module;
  }

  /** The {@code -Dname=value} property names of a command line, in order. */
  static List<String> javaProperties(List<String> argv) {
    List<String> out = new ArrayList<>();
    for (String a : argv) {
      if (a.startsWith("-D") && a.length() > 2) {
        int eq = a.indexOf('=');
        out.add(eq > 0 ? a.substring(2, eq) : a.substring(2));
      }
    }
    return out;
  }
}
