package dev.stackscope.ip;

/**
 * Classifies addresses by the special-purpose registry.
 *
 * <p>The rule for an IPv6 address that embeds an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64,
 * 6to4, Teredo): the embedded address is extracted and classified on its own, and the address is
 * never reported as more reachable than the IPv4 host it leads to. So: for the IPv4-mapped and
 * IPv4-compatible forms, which are only another spelling of the IPv4 address (a dual-stack socket
 * connecting to {@code ::ffff:127.0.0.1} reaches 127.0.0.1), the verdict is the embedded address's
 * verdict; for NAT64, 6to4 and Teredo, it is the embedded address's verdict when that is not
 * global, and otherwise the IPv6 block's verdict.
 */
public final class AddressClassifier {
  private final SpecialRegistry registry;

  public AddressClassifier(SpecialRegistry registry) {
    this.registry = registry;
  }

  /** The classifier over the registry shipped in the jar (loaded on first use). */
  public static AddressClassifier standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    static final AddressClassifier INSTANCE = new AddressClassifier(SpecialRegistry.standard());
  }

  public SpecialRegistry registry() {
    return registry;
  }

  /**
   * The verdict alone, as {@link #classify} gives it, without building the rest (hot in {@code
   * ports} and {@code stack}: one per socket).
   */
  public Verdict verdict(IpAddress a) {
    Verdict own = ownVerdict(a, registry.lookup(a));
    EmbeddedIpv4.Raw raw = EmbeddedIpv4.extract(a);
    if (raw == null) {
      return own;
    }
    Verdict inner = ownVerdict(raw.address(), registry.lookup(raw.address()));
    return EmbeddedIpv4.isTranslation(raw.form()) || inner != Verdict.GLOBAL ? inner : own;
  }

  public Classification classify(IpAddress a) {
    RegistryEntry block = registry.lookup(a);
    Verdict verdict = ownVerdict(a, block);
    EmbeddedIpv4 embedded = null;
    EmbeddedIpv4.Raw raw = EmbeddedIpv4.extract(a);
    if (raw != null) {
      RegistryEntry inner = registry.lookup(raw.address());
      Verdict innerVerdict = ownVerdict(raw.address(), inner);
      embedded =
          new EmbeddedIpv4(
              raw.form(),
              raw.address(),
              innerVerdict,
              inner == null ? null : inner.name(),
              raw.server(),
              raw.port());
      if (embedded.isTranslation() || innerVerdict != Verdict.GLOBAL) {
        verdict = innerVerdict;
      }
    }
    String scope =
        verdict == Verdict.MULTICAST ? multicastScope(raw == null ? a : raw.address()) : null;
    return new Classification(a, block, verdict, embedded, scope);
  }

  /** The verdict of the block alone; outside every block, IPv4 is global, IPv6 unassigned. */
  static Verdict ownVerdict(IpAddress a, RegistryEntry block) {
    if (block != null) {
      return block.verdict();
    }
    return a.version() == 4 ? Verdict.GLOBAL : Verdict.RESERVED;
  }

  /**
   * The scope of a multicast address: IPv6 from its scope field (RFC 4291 2.7, RFC 7346); IPv4 from
   * the block (224.0.0.0/24 link-local per RFC 5771, 239.0.0.0/8 administratively scoped per RFC
   * 2365), otherwise global.
   */
  public static String multicastScope(IpAddress a) {
    if (a.version() == 6) {
      if ((a.hi() >>> 56) != 0xFF) {
        return null;
      }
      return switch ((int) (a.hi() >>> 48) & 0xF) {
        case 0x0, 0xF -> "reserved";
        case 0x1 -> "interface-local";
        case 0x2 -> "link-local";
        case 0x3 -> "realm-local";
        case 0x4 -> "admin-local";
        case 0x5 -> "site-local";
        case 0x8 -> "organization-local";
        case 0xE -> "global";
        default -> "unassigned";
      };
    }
    long v = a.v4Value();
    if ((v >>> 28) != 0xE) {
      return null;
    }
    if ((v >>> 8) == 0xE0_00_00L) {
      return "link-local";
    }
    if ((v >>> 16) == 0xEF_FFL) {
      return "site-local";
    }
    if ((v >>> 18) == (0xEF_C0L >>> 2)) {
      return "organization-local";
    }
    if ((v >>> 24) == 0xEFL) {
      return "admin-local";
    }
    return "global";
  }
}
