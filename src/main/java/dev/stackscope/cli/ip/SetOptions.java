package dev.stackscope.cli.ip;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code ip}'s set arithmetic options (a picocli mixin of {@link IpCommand}). */
final class SetOptions {
  @Option(
      names = "--aggregate",
      description =
          "Print the fewest CIDR blocks covering exactly the inputs (IPv4 and IPv6 apart).")
  boolean aggregate;

  @Option(
      names = "--exclude",
      paramLabel = "CIDR",
      description = "Remove these addresses from the inputs' union (repeatable); prints blocks.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--intersect",
      description = "Print the addresses common to every input, as blocks.")
  boolean intersect;

  @Option(
      names = "--split",
      paramLabel = "/N|N",
      description =
          "Split each resulting block into /N blocks, or into N equal parts (N a power of two).")
  String split;

  @Option(
      names = "--enumerate",
      description = "Print every address of the inputs (refused beyond --limit).")
  boolean enumerate;

  @Option(
      names = "--overlaps",
      description = "Report every pair of inputs that share addresses, with the shared blocks.")
  boolean overlaps;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "65536",
      description =
          "The most addresses, blocks or pairs the set options print (default ${DEFAULT-VALUE}).")
  long limit;

  boolean any() {
    return aggregate || !excludes.isEmpty() || intersect || split != null || enumerate || overlaps;
  }
}
