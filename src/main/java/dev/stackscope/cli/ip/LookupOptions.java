package dev.stackscope.cli.ip;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code ip}'s --reverse, --grep and --here (a picocli mixin of {@link IpCommand}). */
final class LookupOptions {
  @Option(
      names = "--reverse",
      description =
          "The reverse-DNS name of each address, and the reverse zones of each block (in-addr.arpa"
              + " on octet, ip6.arpa on nibble boundaries; RFC 2317 sub-zones for IPv4 /25-/31).")
  boolean reverse;

  @Option(
      names = "--grep",
      arity = "0..1",
      fallbackValue = "-",
      paramLabel = "FILE",
      description =
          "Find every IPv4 and IPv6 address in free text (FILE, or stdin): line, address,"
              + " verdict.")
  String grep;

  @Option(
      names = "--only",
      paramLabel = "VERDICT",
      split = ",",
      description =
          "With --grep: only addresses of these verdicts (private, global, loopback, shared,"
              + " link-local, documentation, multicast, ...).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--here",
      description =
          "Which route this host would use for each address: interface, source address, gateway;"
              + " or that the address is this host's own.")
  boolean here;

  boolean any() {
    return reverse || grep != null || here;
  }

  /** The options given, as written (for messages). */
  List<String> given() {
    List<String> out = new ArrayList<>();
    if (reverse) {
      out.add("--reverse");
    }
    if (grep != null) {
      out.add("--grep");
    }
    if (here) {
      out.add("--here");
    }
    return out;
  }
}
