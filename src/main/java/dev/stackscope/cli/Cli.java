package dev.stackscope.cli;

import dev.stackscope.host.Host;
import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Builds the picocli command line for one run: the command tree, streams, errors, help colours. */
public final class Cli {
  private Cli() {}

  /**
   * The configured command line. {@code args} is pre-scanned for --debug and --color so that
   * logging and help colours are set before parsing (they apply to parse errors too).
   */
  public static CommandLine create(
      PrintWriter out, PrintWriter err, TerminalInfo terminal, String[] args) {
    return create(out, err, terminal, args, null);
  }

  /**
   * The configured command line for a run on behalf of {@code invocation} (null: this JVM's own
   * directory and PID). Path options are resolved against the invocation's working directory.
   */
  public static CommandLine create(
      PrintWriter out,
      PrintWriter err,
      TerminalInfo terminal,
      String[] args,
      Invocation invocation) {
    return create(out, err, terminal, args, invocation, Host.live());
  }

  /**
   * The configured command line for a run on behalf of {@code invocation} (null: this JVM's own
   * directory and PID) that reads the host from {@code host} (a fixture in golden tests).
   */
  public static CommandLine create(
      PrintWriter out,
      PrintWriter err,
      TerminalInfo terminal,
      String[] args,
      Invocation invocation,
      Host host) {
    boolean debug = hasFlag(args, "--debug");
    if (debug) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    CommandLine cl = new CommandLine(new StackscopeCommand(out, err, terminal, invocation, host));
    String wanted = subcommandName(args);
    boolean versionOnly = wanted == null && (hasFlag(args, "--version") || hasFlag(args, "-V"));
    for (Map.Entry<String, Class<?>> sub : StackscopeCommand.SUBCOMMANDS) {
      if (!versionOnly && (wanted == null || wanted.equals(sub.getKey()))) {
        cl.addSubcommand(sub.getKey(), sub.getValue());
      }
    }
    if (invocation != null && invocation.remote()) {
      java.nio.file.Path cwd = invocation.workingDirectory();
      cl.registerConverter(java.nio.file.Path.class, s -> cwd.resolve(s));
    }
    ErrorHandler errors = new ErrorHandler(err, debug);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    cl.setColorScheme(Help.defaultColorScheme(helpAnsi(args, terminal)));
    return cl;
  }

  /**
   * Runs one command line on behalf of {@code invocation} (null: this JVM's own directory, PID and
   * stdin) and returns its exit code.
   */
  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      TerminalInfo terminal,
      Invocation invocation) {
    return run(args, out, err, terminal, invocation, Host.live());
  }

  /**
   * As {@link #run(String[], PrintWriter, PrintWriter, TerminalInfo, Invocation)} on {@code host}.
   */
  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      TerminalInfo terminal,
      Invocation invocation,
      Host host) {
    return create(out, err, terminal, args, invocation, host).execute(args);
  }

  /** The command model alone (for generated docs and completion). */
  public static CommandLine model() {
    PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
    return create(sink, sink, TerminalInfo.pipe(java.util.Map.of()), new String[0]);
  }

  /** Commands that need the whole command model: completion scripts and the shell's completer. */
  private static final Set<String> NEEDS_ALL = Set.of("completion", "shell");

  /** Root options that take a value as the next word. */
  private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--color", "--width");

  /**
   * The subcommand this command line runs, when it is one of ours and needs only its own model;
   * null means "register them all" (no subcommand, help, an unknown name, completion, shell).
   */
  public static String subcommandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (a.startsWith("-")) {
        if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
          i++;
        }
        continue;
      }
      if (NEEDS_ALL.contains(a)) {
        return null;
      }
      for (Map.Entry<String, Class<?>> sub : StackscopeCommand.SUBCOMMANDS) {
        if (sub.getKey().equals(a)) {
          return a;
        }
      }
      return null;
    }
    return null;
  }

  private static Help.Ansi helpAnsi(String[] args, TerminalInfo terminal) {
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--color=always")) {
        return Help.Ansi.ON;
      }
      if (a.equals("--color=never")) {
        return Help.Ansi.OFF;
      }
    }
    return terminal.colorByDefault() ? Help.Ansi.ON : Help.Ansi.OFF;
  }

  private static boolean hasFlag(String[] args, String flag) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals(flag)) {
        return true;
      }
    }
    return false;
  }
}
