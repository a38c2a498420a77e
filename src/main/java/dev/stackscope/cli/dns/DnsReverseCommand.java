package dev.stackscope.cli.dns;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.ReverseLookup;
import dev.stackscope.dns.ServerAddress;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackscope dns reverse IP}: PTR lookup with forward confirmation. */
@Command(
    name = "reverse",
    description = {
      "Look up the names of an address (PTR in in-addr.arpa / ip6.arpa), then check that each "
          + "name resolves back to the address (forward-confirmed).",
      "Exit 1 when the address has no name or no server replied."
    })
public final class DnsReverseCommand extends BaseCommand {
  @Parameters(paramLabel = "IP", description = "An IPv4 or IPv6 address.")
  String ip;

  @Mixin ResolverOptions resolver;

  /** The address to look up, parsed by {@link #validate}. */
  private InetAddress address;

  @Override
  protected void validate() {
    String problem = resolver.validate();
    if (problem != null) {
      throw usageError(problem);
    }
    try {
      address = ServerAddress.literal(ip, ip);
    } catch (DnsInputException e) {
      throw usageError(e.getMessage());
    }
  }

  @Override
  protected ExitCode execute(Output out) {
    ReverseLookup.Result result = new ReverseLookup(resolver.resolver()).lookup(address);
    // decided before the text/JSON branch: --json never changes the exit code
    ExitCode code = DnsResolveCommand.exitCode(List.of(result.ptr()));
    boolean noName = code == ExitCode.OK && result.names().isEmpty();
    if (out.json()) {
      out.json(result);
    } else {
      DnsViews.resolution(out, result.ptr());
      if (!result.names().isEmpty()) {
        out.blank();
        Table t =
            Table.of(Column.text("NAME"), Column.text("FORWARD"), Column.flexible("ADDRESSES"));
        for (ReverseLookup.PtrName n : result.names()) {
          Text check =
              n.confirmed()
                  ? Text.of("confirmed", Style.GREEN)
                  : Text.of(
                      n.forwardRcode() == null
                          ? "no reply"
                          : n.addresses().isEmpty()
                              ? "no address (" + n.forwardRcode() + ")"
                              : "does not point back",
                      Style.YELLOW);
          t.row(n.name(), check, String.join(" ", n.addresses()));
        }
        out.table(t);
      }
    }
    DnsResolveCommand.notes(out, List.of(result.ptr()));
    if (noName) {
      out.note(result.address() + " has no PTR record");
      return ExitCode.FAILURE;
    }
    return code;
  }
}
