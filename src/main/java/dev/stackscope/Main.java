package dev.stackscope;

import dev.stackscope.cli.Cli;
import dev.stackscope.cli.Invocation;
import dev.stackscope.output.StdoutWriter;
import dev.stackscope.output.TerminalInfo;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point. Only {@link #main} calls {@code System.exit}; everything else returns codes. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws java.io.IOException {
    if (System.getProperty("stackscope.train") != null) {
      System.exit(dev.stackscope.cli.Training.run());
    }
    if (System.getProperty("stackscope.serve") != null) {
      System.exit(dev.stackscope.server.Server.serve());
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line with the given streams and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    TerminalInfo terminal =
        out == System.out ? TerminalInfo.system() : TerminalInfo.pipe(System.getenv());
    // System.out would swallow a failed write's reason: write to the descriptor (EPIPE vs ENOSPC)
    PrintWriter o =
        StdoutWriter.of(out == System.out ? new FileOutputStream(FileDescriptor.out) : out);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return run(args, o, e, terminal);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** Runs one command line on writers (the interactive shell's terminal writer, tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err, TerminalInfo terminal) {
    return Cli.create(out, err, terminal, args).execute(args);
  }

  /** Runs one command line on behalf of another process (the warm server's clients). */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, TerminalInfo terminal, Invocation invocation) {
    return Cli.create(out, err, terminal, args, invocation).execute(args);
  }
}
