package dev.stackscope.cli;

import dev.stackscope.host.Host;
import dev.stackscope.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of every subcommand: a final {@link #call()} that hands the run's {@link Output} to
 * {@link #execute} and turns its {@link ExitCode} into the process's exit status. Subcommands stay
 * thin: options → request → domain service → result records → output → exit code.
 *
 * <p>As in PMD's CLI, {@link #validate} runs first and finds every usage error (exit 2) before
 * {@link #execute} starts any work: no query is sent, no process scanned, no file written for a
 * command line that is wrong. Option types that parse ({@link DurationOption}, {@link
 * PortConverter}, {@link RegexConverter}) reject bad text even earlier, while picocli parses.
 *
 * <p>A command that ends with an error rather than a result throws {@link CommandException} (or
 * {@link #usageError}): {@link ErrorHandler} then prints the message, and with --json the error
 * document, so every run with --json prints exactly one document.
 */
public abstract class BaseCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    validate();
    Output out = root().output();
    ExitCode code = execute(out);
    out.checkWritten(); // a result nobody could read is no success (ps > /dev/full)
    return code.code();
  }

  /**
   * Checks the options and arguments together, before any work: throw {@link #usageError} for every
   * problem a user can fix by changing the command line. Nothing here reads the host or the network
   * (files named by options are read in {@link #execute}, where a missing one is exit 2 too).
   */
  protected void validate() {}

  /** Does the command's work and says how it went; the options were {@link #validate}d. */
  protected abstract ExitCode execute(Output out) throws Exception;

  /** The root command of this run (streams, terminal, global options). */
  protected StackscopeCommand root() {
    return (StackscopeCommand) spec.root().userObject();
  }

  /** Where this run reads the host from (never the live system directly: see {@link Host}). */
  protected Host host() {
    return root().host();
  }

  protected GlobalOptions global() {
    return root().global();
  }

  /** A usage error (exit 2) naming what was wrong with the command's input. */
  protected ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
