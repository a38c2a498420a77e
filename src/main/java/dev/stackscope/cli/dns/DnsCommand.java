package dev.stackscope.cli.dns;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.output.Output;
import picocli.CommandLine.Command;

/** {@code stackscope dns}: the parent of resolve, trace, reverse and check. */
@Command(
    name = "dns",
    description = "Resolve names, trace them from the root, look up addresses.",
    subcommands = {
      DnsResolveCommand.class,
      DnsTraceCommand.class,
      DnsReverseCommand.class,
      DnsCheckCommand.class
    })
public final class DnsCommand extends BaseCommand {
  @Override
  protected ExitCode execute(Output out) {
    throw usageError("a subcommand is required: resolve, trace, reverse or check");
  }
}
