package dev.stackscope;

import dev.stackscope.cli.Cli;
import dev.stackscope.cli.Invocation;
import dev.stackscope.cli.ServedCommands;
import dev.stackscope.cli.Training;
import dev.stackscope.host.Host;
import dev.stackscope.output.StdoutWriter;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.server.Server;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point: chooses the mode (a command line, the class-data-sharing training run, the warm
 * server). Only {@link #main} calls {@code System.exit}; everything else returns codes.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws java.io.IOException {
    if (System.getProperty("stackscope.train") != null) {
      System.exit(Training.run());
    }
    if (System.getProperty("stackscope.serve") != null) {
      System.exit(Server.serve(new ServedCommands()));
    }
    System.exit(run(args, System.in, System.out, System.err));
  }

  /**
   * Runs one command line with the given streams and returns its exit code (google-java-format's
   * shape): commands read standard input from {@code in}, never from {@code System.in}.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    TerminalInfo terminal =
        out == System.out ? TerminalInfo.system() : TerminalInfo.pipe(System.getenv());
    // System.out would swallow a failed write's reason: write to the descriptor (EPIPE vs ENOSPC)
    PrintWriter o =
        StdoutWriter.of(out == System.out ? new FileOutputStream(FileDescriptor.out) : out);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return Cli.run(args, o, e, terminal, Invocation.current(in), Host.live());
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** Runs one command line on writers (the interactive shell's terminal writer, tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err, TerminalInfo terminal) {
    return run(args, out, err, terminal, Host.live());
  }

  /** Runs one command line on writers, reading the host from {@code host} (fixtures in tests). */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, TerminalInfo terminal, Host host) {
    return Cli.run(args, out, err, terminal, null, host);
  }
}
