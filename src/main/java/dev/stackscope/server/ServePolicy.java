package dev.stackscope.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which command lines the server runs. It runs a command only when the result cannot depend on what
 * the server does not share with its client: the terminal itself (interactive views, the shell,
 * help laid out for the terminal's width), its own locale and time zone, and --debug's logging.
 * Everything else about the client (working directory, PID, environment, whether stdout is a
 * terminal and its width, and its stdin, read in frames when a command asks) travels with the
 * request. A declined command runs in a fresh JVM, as without a server.
 */
final class ServePolicy {
  private ServePolicy() {}

  /** The commands that read host state and are worth a warm JVM. */
  static final Set<String> SERVED =
      Set.of(
          "tree", "ps", "proc", "signal", "ports", "ifaces", "dns", "url", "ip", "stack", "explain",
          "http", "fleet", "diff");

  /** Options that need the caller's terminal, PATH or logging. */
  static final Set<String> DECLINED_OPTIONS =
      Set.of("--watch", "--debug", "-h", "--help", "-V", "--version", "--svg");

  /** The one-letter options among them, which picocli also accepts in a cluster ({@code -ph}). */
  static final List<String> CLUSTERABLE_DECLINED = List.of("-h", "-V");

  /**
   * Environment the JVM reads once at start-up: default locale and time zone, and the options that
   * the JVM (and the java launcher) take from the environment, which can set either (and make a
   * fresh JVM print "Picked up ..." on stderr).
   */
  static final List<String> FIXED_AT_START =
      List.of(
          "TZ",
          "LANG",
          "LC_ALL",
          "LC_CTYPE",
          "LC_TIME",
          "LC_NUMERIC",
          "LC_MESSAGES",
          "JAVA_TOOL_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "_JAVA_OPTIONS");

  /** The part of an environment that the JVM reads once at start-up ({@link #FIXED_AT_START}). */
  static Map<String, String> fixedAtStart(Map<String, String> env) {
    Map<String, String> fixed = new java.util.HashMap<>();
    for (String key : FIXED_AT_START) {
      if (env.get(key) != null) {
        fixed.put(key, env.get(key));
      }
    }
    return Map.copyOf(fixed);
  }

  /**
   * Why the server will not run these arguments (whose subcommand is {@code command}, null for
   * none), or empty when it will.
   */
  static Optional<String> declineReason(
      String command,
      List<String> args,
      Map<String, String> clientEnv,
      Map<String, String> serverEnv) {
    if (command == null || !SERVED.contains(command)) {
      return Optional.of("not a served command");
    }
    for (String a : args) {
      // picocli expands @FILE everywhere, even after "--": relative to the server's directory,
      // and the file could hold any of the options below.
      if (a.startsWith("@") && a.length() > 1) {
        return Optional.of("an @file argument needs a fresh JVM");
      }
    }
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
      if (DECLINED_OPTIONS.contains(name)) {
        return Optional.of(name + " needs a fresh JVM");
      }
      // Clustered short options (picocli's POSIX clustering: -ph is -p -h). An attached value can
      // contain these letters too; declining that as well only costs a fresh JVM.
      if (!a.startsWith("--") && a.length() > 2 && a.startsWith("-")) {
        for (String option : CLUSTERABLE_DECLINED) {
          if (a.indexOf(option.charAt(1), 1) > 0) {
            return Optional.of(option + " needs a fresh JVM");
          }
        }
      }
    }
    for (String key : FIXED_AT_START) {
      if (!Objects.equals(clientEnv.get(key), serverEnv.get(key))) {
        return Optional.of(key + " differs from the server's");
      }
    }
    return Optional.empty();
  }
}
