package dev.stackscope.ip;

/**
 * An IPv4 address carried inside an IPv6 address, and how it classifies on its own.
 *
 * @param form ipv4-mapped, ipv4-compatible, nat64 (64:ff9b::/96), nat64-local (64:ff9b:1::/48),
 *     6to4 or teredo
 * @param address the embedded IPv4 address (for Teredo: the client's public address, de-obfuscated)
 * @param verdict the embedded address's own verdict
 * @param block the IPv4 special-purpose block it lies in, or null
 * @param teredoServer the Teredo server address (Teredo only)
 * @param teredoPort the client's public UDP port, de-obfuscated (Teredo only)
 */
public record EmbeddedIpv4(
    String form,
    IpAddress address,
    Verdict verdict,
    String block,
    IpAddress teredoServer,
    Integer teredoPort) {

  /** Forms that are only another spelling of the IPv4 address (the IPv6 block adds nothing). */
  public boolean isTranslation() {
    return isTranslation(form);
  }

  static boolean isTranslation(String form) {
    return form.equals("ipv4-mapped") || form.equals("ipv4-compatible");
  }

  /** The embedded address of {@code a}, unclassified, or null when it carries none. */
  static Raw extract(IpAddress a) {
    if (a.version() != 6) {
      return null;
    }
    long hi = a.hi();
    long lo = a.lo();
    long low32 = lo & 0xFFFF_FFFFL;
    if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
      return new Raw("ipv4-mapped", IpAddress.v4(low32), null, null);
    }
    if (hi == 0 && (lo >>> 32) == 0 && low32 > 1) {
      return new Raw("ipv4-compatible", IpAddress.v4(low32), null, null);
    }
    if (hi == 0x0064_ff9b_0000_0000L && (lo >>> 32) == 0) {
      return new Raw("nat64", IpAddress.v4(low32), null, null);
    }
    if ((hi >>> 16) == 0x0064_ff9b_0001L) {
      // RFC 6052 section 2.2, /48: bits 48-63 and 72-87 (bits 64-71 are the "u" octet)
      long v4 = ((hi & 0xFFFF) << 16) | ((lo >>> 40) & 0xFFFF);
      return new Raw("nat64-local", IpAddress.v4(v4), null, null);
    }
    if ((hi >>> 48) == 0x2002) {
      return new Raw("6to4", IpAddress.v4((hi >>> 16) & 0xFFFF_FFFFL), null, null);
    }
    if ((hi >>> 32) == 0x2001_0000L) {
      // RFC 4380 section 4: server, flags, obfuscated port, obfuscated client address
      IpAddress server = IpAddress.v4(hi & 0xFFFF_FFFFL);
      int port = (int) (~(lo >>> 32) & 0xFFFF);
      return new Raw("teredo", IpAddress.v4(~lo & 0xFFFF_FFFFL), server, port);
    }
    return null;
  }

  record Raw(String form, IpAddress address, IpAddress server, Integer port) {}
}
