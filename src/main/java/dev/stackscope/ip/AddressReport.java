package dev.stackscope.ip;

import java.util.List;

/**
 * Everything stackscope says about one input (an address, a CIDR block or a range); the record
 * components are the JSON fields of {@code stackscope ip --json}.
 *
 * @param input the text as given
 * @param version 4 or 6 (0 when the input is invalid)
 * @param address the address (for a CIDR written with host bits, that host), or null
 * @param network the CIDR block in canonical form, or null
 * @param verdict the plain-language verdict
 * @param meaning what the verdict means for reaching it
 * @param registry the most specific special-purpose block (containing all of a block or range)
 * @param embeddedIpv4 the IPv4 address embedded in an IPv6 address, or null
 * @param multicastScope the multicast scope, or null
 * @param cidr network arithmetic for a CIDR block, or null
 * @param range first, last, size and covering CIDRs for a range, or null
 * @param overlaps special blocks a CIDR or range overlaps without lying inside them
 * @param contains whether it contains the --contains address (null without --contains)
 * @param error why the input is invalid, or null
 */
public record AddressReport(
    String input,
    int version,
    String address,
    String network,
    Verdict verdict,
    String meaning,
    Block registry,
    EmbeddedIpv4 embeddedIpv4,
    String multicastScope,
    NetworkInfo cidr,
    RangeInfo range,
    List<Overlap> overlaps,
    Boolean contains,
    String error) {

  /** A special-purpose block and its IANA flags (null: N/A, terminated, or not an IANA block). */
  public record Block(
      String block,
      String name,
      String rfc,
      Boolean source,
      Boolean destination,
      Boolean forwardable,
      Boolean globallyReachable,
      Boolean reservedByProtocol,
      boolean iana) {

    static Block of(RegistryEntry e) {
      return e == null
          ? null
          : new Block(
              e.prefix(),
              e.name(),
              e.rfc(),
              e.source(),
              e.destination(),
              e.forwardable(),
              e.globallyReachable(),
              e.reservedByProtocol(),
              e.fromIana());
    }
  }

  /** A special block that a CIDR or range overlaps. */
  public record Overlap(String block, String name, Verdict verdict) {}

  public static AddressReport invalid(String input, String error) {
    return new AddressReport(
        input, 0, null, null, null, null, null, null, null, null, null, List.of(), null, error);
  }

  public boolean valid() {
    return error == null;
  }
}
