package dev.stackscope.ip;

import java.util.ArrayList;
import java.util.List;

/** Turns one input (address, CIDR or range) into an {@link AddressReport}. */
public final class AddressAnalyzer {
  private final AddressClassifier classifier;

  public AddressAnalyzer(AddressClassifier classifier) {
    this.classifier = classifier;
  }

  public static AddressAnalyzer standard() {
    return new AddressAnalyzer(AddressClassifier.standard());
  }

  public AddressClassifier classifier() {
    return classifier;
  }

  /**
   * Analyses {@code input}; invalid text gives a report with {@link AddressReport#error()}.
   *
   * @param contains the address to test for membership, or null
   */
  public AddressReport analyze(String input, IpAddress contains) {
    IpTarget target;
    try {
      target = AddressParser.parseTarget(input);
    } catch (InvalidAddressException e) {
      return AddressReport.invalid(input, e.getMessage());
    }
    return analyze(input, target, contains);
  }

  public AddressReport analyze(String input, IpTarget target, IpAddress contains) {
    if (target instanceof IpTarget.Single s) {
      Classification c = classifier.classify(s.address());
      Boolean in =
          contains == null ? null : contains.withoutZone().equals(s.address().withoutZone());
      return new AddressReport(
          input,
          s.version(),
          s.address().toString(),
          null,
          c.verdict(),
          c.verdict().meaning(),
          AddressReport.Block.of(c.block()),
          c.embedded(),
          c.multicastScope(),
          null,
          null,
          List.of(),
          in,
          null);
    }
    IpAddress first;
    IpAddress last;
    NetworkInfo cidr = null;
    RangeInfo range = null;
    String address = null;
    String network = null;
    if (target instanceof IpTarget.Block b) {
      cidr = NetworkInfo.of(b.address(), b.prefix());
      first = cidr.network();
      last = b.address().lastInPrefix(b.prefix());
      network = first + "/" + b.prefix();
      address = b.hasHostBits() ? b.address().toString() : null;
    } else {
      IpTarget.Span span = (IpTarget.Span) target;
      first = span.first().withoutZone();
      last = span.last().withoutZone();
      range = RangeInfo.of(first, last);
    }
    SpecialRegistry registry = classifier.registry();
    RegistryEntry enclosing = registry.enclosing(first, last);
    Verdict verdict = AddressClassifier.ownVerdict(first, enclosing);
    List<AddressReport.Overlap> overlaps = new ArrayList<>();
    for (RegistryEntry e : registry.overlapping(first, last)) {
      overlaps.add(new AddressReport.Overlap(e.prefix(), e.name(), e.verdict()));
      if (e.verdict() != verdict) {
        verdict = Verdict.MIXED;
      }
    }
    String scope = null;
    if (verdict == Verdict.MULTICAST) {
      String firstScope = AddressClassifier.multicastScope(first);
      scope =
          java.util.Objects.equals(firstScope, AddressClassifier.multicastScope(last))
              ? firstScope
              : "mixed";
    }
    Boolean in = null;
    if (contains != null) {
      IpAddress c = contains.withoutZone();
      in = c.version() == first.version() && c.compareTo(first) >= 0 && c.compareTo(last) <= 0;
    }
    return new AddressReport(
        input,
        first.version(),
        address,
        network,
        verdict,
        verdict.meaning(),
        AddressReport.Block.of(enclosing),
        null,
        scope,
        cidr,
        range,
        overlaps,
        in,
        null);
  }
}
