package dev.stackscope.cli.dns;

import dev.stackscope.dns.DnsInputException;
import dev.stackscope.dns.QueryShape;
import java.security.SecureRandom;
import org.xbill.DNS.ClientSubnetOption;
import picocli.CommandLine.Option;

/**
 * The header flags and EDNS options of dns resolve's queries (dig's +nsid, +cookie, +subnet...).
 */
public final class EdnsOptions {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(names = "--nsid", description = "Ask the server for its identifier (NSID, RFC 5001).")
  boolean nsid;

  @Option(
      names = "--cookie",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "HEX",
      description =
          "Send a DNS cookie (RFC 7873): a random client cookie, or these 16 hex digits; the"
              + " server's cookie is shown.")
  String cookie;

  @Option(
      names = "--subnet",
      paramLabel = "CIDR",
      description = "Send this client subnet (ECS, RFC 7871), e.g. 192.0.2.0/24; shows the scope.")
  String subnet;

  @Option(
      names = "--bufsize",
      paramLabel = "N",
      description = "The UDP payload size offered in EDNS (512-65535, default: 1232).")
  Integer bufsize;

  @Option(names = "--no-edns", description = "Send no OPT record (plain RFC 1035 queries).")
  boolean noEdns;

  @Option(names = "--cd", description = "Set CD: ask the resolver not to validate DNSSEC.")
  boolean cd;

  @Option(names = "--no-rd", description = "Clear RD: ask for the resolver's cache only.")
  boolean noRd;

  /** The problem with these options, or null; {@code dnssec}: --dnssec was given. */
  String validate(boolean dnssec) {
    if (noEdns) {
      String needs =
          nsid
              ? "--nsid"
              : cookie != null
                  ? "--cookie"
                  : subnet != null
                      ? "--subnet"
                      : bufsize != null ? "--bufsize" : dnssec ? "--dnssec" : null;
      if (needs != null) {
        return needs + " needs EDNS: it cannot go with --no-edns";
      }
    }
    if (bufsize != null && (bufsize < 512 || bufsize > 65535)) {
      return "--bufsize must be 512-65535";
    }
    try {
      if (subnet != null) {
        QueryShape.subnet(subnet);
      }
      if (cookie != null && !cookie.isEmpty()) {
        QueryShape.cookie(cookie);
      }
    } catch (DnsInputException e) {
      return "--"
          + (subnet != null && e.getMessage().contains("subnet") ? "subnet" : "cookie")
          + ": "
          + e.getMessage();
    }
    return null;
  }

  /** Whether an EDNS option was asked for: then the reply's EDNS is shown even when bare. */
  boolean asked() {
    return nsid || cookie != null || subnet != null || bufsize != null;
  }

  /** The queries' shape; call after {@link #validate}. */
  QueryShape shape(boolean dnssec) {
    byte[] client = null;
    if (cookie != null) {
      if (cookie.isEmpty()) {
        client = new byte[8];
        RANDOM.nextBytes(client);
      } else {
        client = QueryShape.cookie(cookie);
      }
    }
    ClientSubnetOption ecs = subnet == null ? null : QueryShape.subnet(subnet);
    return new QueryShape(
        !noRd,
        cd,
        dnssec,
        !noEdns,
        bufsize == null ? dev.stackscope.dns.Queries.EDNS_PAYLOAD : bufsize,
        nsid,
        client,
        ecs);
  }
}
