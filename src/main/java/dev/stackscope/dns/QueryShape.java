package dev.stackscope.dns;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSIDOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The header flags and EDNS of the queries a stub sends (dig's +[no]rec, +cd, +nsid, +cookie,
 * +subnet, +bufsize, +noedns).
 *
 * @param recursion RD
 * @param checkingDisabled CD: the resolver should not validate (RFC 4035 §3.2.2)
 * @param dnssec DO
 * @param edns whether to send an OPT record at all; false leaves out every option below
 * @param bufsize the UDP payload size offered (512..65535)
 * @param nsid ask for the server's identifier (RFC 5001)
 * @param clientCookie the client cookie to send (8 bytes, RFC 7873), or null
 * @param subnet the client subnet to send (RFC 7871), or null
 */
public record QueryShape(
    boolean recursion,
    boolean checkingDisabled,
    boolean dnssec,
    boolean edns,
    int bufsize,
    boolean nsid,
    byte[] clientCookie,
    ClientSubnetOption subnet) {

  /** What {@code dns resolve} sends by default: RD, EDNS with a 1232-byte buffer. */
  public static QueryShape stub(boolean dnssec) {
    return new QueryShape(true, false, dnssec, true, Queries.EDNS_PAYLOAD, false, null, null);
  }

  /** Parses {@code ADDRESS/PREFIX} (or a bare address: /24 for IPv4, /56 for IPv6, as dig). */
  public static ClientSubnetOption subnet(String cidr) {
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    java.net.InetAddress a = ServerAddress.literal(addr, cidr);
    int max = a instanceof java.net.Inet4Address ? 32 : 128;
    int prefix = a instanceof java.net.Inet4Address ? 24 : 56;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new DnsInputException("bad subnet '" + cidr + "': prefix must be 0-" + max);
      }
    }
    try {
      return new ClientSubnetOption(prefix, a);
    } catch (IllegalArgumentException e) {
      throw new DnsInputException("bad subnet '" + cidr + "': " + e.getMessage());
    }
  }

  /** Parses a client cookie in hex: exactly 8 bytes (RFC 7873 §4). */
  public static byte[] cookie(String hex) {
    try {
      byte[] b = HexFormat.of().parseHex(hex.strip());
      if (b.length == 8) {
        return b;
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    throw new DnsInputException("bad cookie '" + hex + "': expected 16 hex digits");
  }

  /** A query for {@code name} and {@code type} with a random ID, shaped as this says. */
  public Message query(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().setID(Queries.randomId());
    if (!recursion) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    if (checkingDisabled) {
      query.getHeader().setFlag(Flags.CD);
    }
    if (edns) {
      List<EDNSOption> options = new ArrayList<>();
      if (nsid) {
        options.add(new NSIDOption(new byte[0]));
      }
      if (clientCookie != null) {
        options.add(new CookieOption(clientCookie));
      }
      if (subnet != null) {
        options.add(subnet);
      }
      query.addRecord(
          new OPTRecord(bufsize, 0, 0, dnssec ? ExtendedFlags.DO : 0, options), Section.ADDITIONAL);
    }
    return query;
  }
}
