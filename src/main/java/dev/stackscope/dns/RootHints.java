package dev.stackscope.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Where a trace starts: the root zone's nameservers and their addresses, read from a root hints
 * file in zone file format (IANA's named.root). The built-in copy is parsed by the same code as a
 * file given with --root-hints.
 */
public final class RootHints {
  private static final String BUILT_IN = "/dev/stackscope/dns/named.root";

  /** The largest root hints file read: IANA's named.root is about 3 kB. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private RootHints() {}

  public static List<NameServer> builtIn() {
    return parse(ZoneFile.builtIn(BUILT_IN, "root hints"));
  }

  /**
   * The root nameservers in {@code text}: NS records of "." and the A/AAAA records of their names.
   * A file without any root NS record, or whose nameservers have no address, is refused.
   */
  public static List<NameServer> parse(String text) {
    Map<Name, List<InetAddress>> servers = new LinkedHashMap<>();
    List<Record> addresses = new ArrayList<>();
    for (Record r : ZoneFile.records(text, ZoneFile.NO_DEFAULT_TTL, "root hints")) {
      if (r instanceof NSRecord ns && r.getName().equals(Name.root)) {
        servers.putIfAbsent(ns.getTarget(), new ArrayList<>());
      } else if (r instanceof ARecord || r instanceof AAAARecord) {
        addresses.add(r);
      }
    }
    for (Record r : addresses) {
      List<InetAddress> list = servers.get(r.getName());
      if (list != null) {
        list.add(r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress());
      }
    }
    if (servers.isEmpty()) {
      throw new DnsInputException("root hints: no NS records for the root zone '.'");
    }
    List<NameServer> result = new ArrayList<>();
    servers.forEach((name, list) -> result.add(new NameServer(name, List.copyOf(list))));
    if (result.stream().allMatch(NameServer::glueless)) {
      throw new DnsInputException("root hints: no addresses for the root nameservers");
    }
    return List.copyOf(result);
  }
}
