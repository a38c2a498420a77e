package dev.stackscope.dns.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Everything a check asked and heard, before any judgement: the parent's delegation (NS names with
 * their glue, in order), its DS reply, each nameserver name's own addresses, and every server
 * address's replies. {@link ZoneAnalysis} turns this into findings; nothing here prints or decides.
 *
 * @param parentGlue the delegation's NS names, each with the glue the parent sent (maybe none)
 * @param parentNsTtl the TTL of the delegation's NS records, null when the zone is the root
 * @param ds the parent's reply to the DS question, null when none was asked or none replied
 * @param ownAddresses each nameserver name's A/AAAA from the zone (in-zone names) or as resolved
 * @param probes one per server address
 */
record Observations(
    Name zone,
    Name parent,
    Instant now,
    List<InetSocketAddress> parentServers,
    Map<Name, List<InetAddress>> parentGlue,
    Long parentNsTtl,
    Message ds,
    Map<Name, List<InetAddress>> ownAddresses,
    List<Probe> probes) {

  /** The replies of one server address (each null when the question was not asked). */
  record Probe(
      InetSocketAddress address,
      List<Name> names,
      Asker.Answer soa,
      Asker.Answer ns,
      Asker.Answer tcp,
      Asker.Answer recursion,
      Asker.Answer dnskey,
      Asker.Answer nx) {}
}
