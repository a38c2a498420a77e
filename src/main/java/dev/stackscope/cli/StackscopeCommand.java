package dev.stackscope.cli;

import dev.stackscope.host.Host;
import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import dev.stackscope.output.TerminalInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command. Holds the run's streams and global options; subcommands reach it via spec. */
@Command(
    name = "stackscope",
    versionProvider = VersionProvider.class,
    mixinStandardHelpOptions = false,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "See the pieces of a production web stack from one host.",
    description = {
      "Processes, ports, interfaces, DNS, URLs and IP addresses, in one consistent tool.",
      "Global options are accepted before or after the subcommand."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0    success",
      "  1    the thing asked about failed or does not exist",
      "  2    usage error",
      "  3    partial result: something could not be read (stderr says what)",
      "  70   internal error (a defect in stackscope; --debug shows the stack trace)",
      "  130  interrupted",
      "  141  standard output was closed by its reader (| head): the run ends quietly",
      "",
      "Environment:",
      "  STACKSCOPE_SERVER=off       never use or start the warm server",
      "  STACKSCOPE_SERVER=require   run only in the warm server; else say why, exit 1",
      "  STACKSCOPE_SERVER_IDLE=S    the warm server exits after S idle seconds (900)",
      "  STACKSCOPE_NO_CDS=1         no class-data-sharing archive",
      "  NO_COLOR, TERM=dumb         no colour; COLUMNS: the terminal's width"
    })
public final class StackscopeCommand implements java.util.concurrent.Callable<Integer> {
  /**
   * Every subcommand by name, in the order help lists them. Registered lazily by {@link Cli}: a run
   * builds the picocli model of the one subcommand it runs (start-up time), and of all of them for
   * help, completion and the shell.
   */
  static final List<Map.Entry<String, Class<?>>> SUBCOMMANDS =
      List.of(
          Map.entry("tree", dev.stackscope.cli.process.TreeCommand.class),
          Map.entry("ps", dev.stackscope.cli.process.PsCommand.class),
          Map.entry("proc", dev.stackscope.cli.process.ProcCommand.class),
          Map.entry("signal", dev.stackscope.cli.process.SignalCommand.class),
          Map.entry("ports", dev.stackscope.cli.net.PortsCommand.class),
          Map.entry("ifaces", dev.stackscope.cli.net.IfacesCommand.class),
          Map.entry("dns", dev.stackscope.cli.dns.DnsCommand.class),
          Map.entry("url", dev.stackscope.cli.url.UrlCommand.class),
          Map.entry("ip", dev.stackscope.cli.ip.IpCommand.class),
          Map.entry("nat", dev.stackscope.cli.ip.NatCommand.class),
          Map.entry("stack", dev.stackscope.cli.stack.StackCommand.class),
          Map.entry("explain", dev.stackscope.cli.stack.ExplainCommand.class),
          Map.entry("fleet", dev.stackscope.cli.fleet.FleetCommand.class),
          Map.entry("diff", dev.stackscope.cli.fleet.DiffCommand.class),
          Map.entry("http", dev.stackscope.cli.http.HttpCommand.class),
          Map.entry("shell", dev.stackscope.cli.shell.ShellCommand.class),
          Map.entry("completion", CompletionCommand.class));

  @Spec CommandSpec spec;

  @Mixin GlobalOptions global = new GlobalOptions();

  @picocli.CommandLine.Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  private final PrintWriter out;
  private final PrintWriter err;
  private final TerminalInfo terminal;
  private final Invocation invocation;
  private final Host host;
  private Output output;

  public StackscopeCommand(PrintWriter out, PrintWriter err, TerminalInfo terminal) {
    this(out, err, terminal, null, Host.live());
  }

  /**
   * A run on behalf of {@code invocation} (null means this JVM's own directory and PID) that reads
   * the host from {@code host}.
   */
  public StackscopeCommand(
      PrintWriter out, PrintWriter err, TerminalInfo terminal, Invocation invocation, Host host) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.invocation = invocation;
    this.host = java.util.Objects.requireNonNull(host, "host");
  }

  /** No subcommand: show what there is, as a usage error (a subcommand is required). */
  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    err.flush();
    return ExitCode.USAGE.code();
  }

  public GlobalOptions global() {
    return global;
  }

  public TerminalInfo terminal() {
    return terminal;
  }

  /** Who asked for this run (working directory, PID). */
  public Invocation invocation() {
    return invocation != null ? invocation : Invocation.current();
  }

  /** Where this run reads the host from: /proc, sockets, interfaces, accounts, clock, signals. */
  public Host host() {
    return host;
  }

  /** The output for this run, built once the options are parsed. */
  public Output output() {
    if (output == null) {
      output = new Output(out, err, settings());
    }
    return output;
  }

  private RenderSettings settings() {
    boolean color =
        switch (global.color()) {
          case always -> true;
          case never -> false;
          case auto -> terminal.colorByDefault();
        };
    if (global.width() != null && global.width() < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--width must be 0 (unlimited) or a number of columns, not " + global.width());
    }
    int width = global.width() != null ? global.width() : terminal.width();
    return new RenderSettings(
        terminal.interactive(), width, terminal.utf8(), color, global.json(), global.reveal());
  }
}
