package dev.stackscope.dns.check;

import dev.stackscope.dns.Queries;
import dev.stackscope.ip.IpAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Judges what a check heard ({@link Observations}): a report per server and the findings. A pure
 * function of its input (the clock's instant is in the observations), so every rule is tested
 * without a network.
 */
final class ZoneAnalysis {
  /** RFC 2308 suggests one to three hours for negative caching; a day is long. */
  static final long NEGATIVE_TTL_LONG = 86_400;

  static final long NEGATIVE_TTL_SHORT = 300;
  static final long NS_TTL_SHORT = 3_600;
  static final long NS_TTL_LONG = 7 * 86_400;

  private ZoneAnalysis() {}

  static ZoneHealth failed(
      Name zone,
      Name parent,
      List<java.net.InetSocketAddress> parentServers,
      FindingCode code,
      int queries) {
    List<Finding> findings = List.of(Finding.of(code));
    return new ZoneHealth(
        zone.toString(),
        parent == null ? null : parent.toString(),
        parentServers.stream().map(s -> IpAddress.text(s.getAddress())).toList(),
        List.of(),
        List.of(),
        List.of(),
        DnssecSummary.unsigned(),
        findings,
        ZoneHealth.Verdict.of(findings),
        queries);
  }

  static ZoneHealth analyse(Observations o, int queries) {
    List<Finding> findings = new ArrayList<>();
    List<ServerReport> reports = new ArrayList<>();
    for (Observations.Probe p : o.probes()) {
      reports.add(report(o.zone(), p, findings));
    }
    serials(reports, findings);
    nsSets(o, reports, findings);
    glue(o, findings);
    ttls(o, findings);
    DnssecSummary dnssec = DnssecRules.judge(o, findings);
    findings.sort(Comparator.comparing(Finding::severity)); // stable: errors first, then as found
    List<NameServerEntry> delegation = entries(o.parentGlue());
    List<NameServerEntry> zoneNs = entries(o.ownAddresses());
    return new ZoneHealth(
        o.zone().toString(),
        o.parent() == null ? null : o.parent().toString(),
        o.parentServers().stream().map(s -> IpAddress.text(s.getAddress())).toList(),
        delegation,
        zoneNs,
        List.copyOf(reports),
        dnssec,
        List.copyOf(findings),
        ZoneHealth.Verdict.of(findings),
        queries);
  }

  private static List<NameServerEntry> entries(Map<Name, List<InetAddress>> map) {
    List<NameServerEntry> list = new ArrayList<>();
    map.forEach(
        (n, addrs) ->
            list.add(
                new NameServerEntry(n.toString(), addrs.stream().map(IpAddress::text).toList())));
    return List.copyOf(list);
  }

  private static ServerReport report(Name zone, Observations.Probe p, List<Finding> findings) {
    List<String> names = p.names().stream().map(Name::toString).toList();
    String first = names.isEmpty() ? null : names.get(0);
    String address = IpAddress.text(p.address().getAddress());
    Asker.Answer soa = p.soa();
    if (!soa.replied()) {
      ServerReport.Status status =
          soa.failure() == Asker.Failure.UNREACHABLE
              ? ServerReport.Status.UNREACHABLE
              : soa.failure() == Asker.Failure.MALFORMED
                  ? ServerReport.Status.ERROR
                  : ServerReport.Status.NO_REPLY;
      FindingCode code =
          switch (status) {
            case UNREACHABLE -> FindingCode.UNREACHABLE;
            case ERROR -> FindingCode.ERROR_RCODE;
            default -> FindingCode.NO_REPLY;
          };
      findings.add(Finding.of(code).server(first, address));
      return new ServerReport(
          names, address, status, null, null, null, null, null, null, null, List.of());
    }
    Message m = soa.reply();
    int rcode = m.getRcode();
    boolean aa = m.getHeader().getFlag(Flags.AA);
    ServerReport.Status status;
    if (rcode == Rcode.REFUSED) {
      status = ServerReport.Status.REFUSED;
      findings.add(Finding.of(FindingCode.REFUSED).server(first, address));
    } else if (rcode != Rcode.NOERROR) {
      status = ServerReport.Status.ERROR;
      FindingCode code =
          rcode == Rcode.FORMERR ? FindingCode.EDNS_FORMERR : FindingCode.ERROR_RCODE;
      findings.add(Finding.of(code).server(first, address).values(null, Queries.rcode(m)));
    } else if (!aa) {
      status = ServerReport.Status.LAME;
      findings.add(Finding.of(FindingCode.LAME).server(first, address));
    } else {
      status = ServerReport.Status.ANSWERED;
    }
    Long serial = null;
    for (Record r : Queries.section(m, Section.ANSWER)) {
      if (r instanceof SOARecord s && r.getName().equals(zone)) {
        serial = s.getSerial();
      }
    }
    boolean edns = m.getOPT() != null;
    if (!edns && rcode != Rcode.FORMERR) {
      findings.add(Finding.of(FindingCode.NO_EDNS).server(first, address));
    }
    boolean tcp = p.tcp() != null && p.tcp().replied();
    if (!tcp) {
      findings.add(Finding.of(FindingCode.NO_TCP).server(first, address));
    }
    Boolean recursion = null;
    if (p.recursion() != null && p.recursion().replied()) {
      Message r = p.recursion().reply();
      recursion =
          r.getRcode() == Rcode.NOERROR
              && r.getHeader().getFlag(Flags.RA)
              && !r.getHeader().getFlag(Flags.AA)
              && !Queries.section(r, Section.ANSWER).isEmpty();
      if (recursion) {
        findings.add(Finding.of(FindingCode.OPEN_RESOLVER).server(first, address));
      }
    }
    List<String> ns = List.of();
    if (p.ns() != null && p.ns().replied() && p.ns().reply().getHeader().getFlag(Flags.AA)) {
      ns =
          DelegationWalk.nsNames(p.ns().reply(), Section.ANSWER, zone).stream()
              .map(Name::toString)
              .toList();
    }
    return new ServerReport(
        names,
        address,
        status,
        Queries.rcode(m),
        serial,
        aa,
        tcp,
        edns,
        recursion,
        soa.rttMs(),
        ns);
  }

  /** RFC 1982 serial arithmetic: {@code a} is older than {@code b}. */
  static boolean olderSerial(long a, long b) {
    long diff = (b - a) & 0xFFFFFFFFL;
    return diff != 0 && diff < 0x80000000L;
  }

  private static void serials(List<ServerReport> reports, List<Finding> findings) {
    Long newest = null;
    for (ServerReport r : reports) {
      if (r.status() == ServerReport.Status.ANSWERED && r.serial() != null) {
        if (newest == null || olderSerial(newest, r.serial())) {
          newest = r.serial();
        }
      }
    }
    if (newest == null) {
      return;
    }
    for (ServerReport r : reports) {
      if (r.status() == ServerReport.Status.ANSWERED
          && r.serial() != null
          && olderSerial(r.serial(), newest)) {
        findings.add(
            Finding.of(FindingCode.SERIAL_BEHIND)
                .server(r.names().isEmpty() ? null : r.names().get(0), r.address())
                .values(Long.toString(newest), Long.toString(r.serial()))
                .number(newest - r.serial()));
      }
    }
  }

  private static void nsSets(Observations o, List<ServerReport> reports, List<Finding> findings) {
    Set<String> child = new LinkedHashSet<>();
    List<String> firstSet = null;
    for (ServerReport r : reports) {
      if (r.status() != ServerReport.Status.ANSWERED || r.ns().isEmpty()) {
        continue;
      }
      child.addAll(r.ns());
      if (firstSet == null) {
        firstSet = r.ns();
      } else if (!new TreeSet<>(firstSet).equals(new TreeSet<>(r.ns()))) {
        findings.add(
            Finding.of(FindingCode.NS_SETS_DIFFER)
                .server(r.names().isEmpty() ? null : r.names().get(0), r.address())
                .values(
                    String.join(" ", new TreeSet<>(firstSet)),
                    String.join(" ", new TreeSet<>(r.ns()))));
      }
    }
    if (o.parent() == null || child.isEmpty()) {
      return;
    }
    Set<String> parent = new LinkedHashSet<>();
    o.parentGlue().keySet().forEach(n -> parent.add(n.toString()));
    String parentText = String.join(" ", new TreeSet<>(parent));
    String childText = String.join(" ", new TreeSet<>(child));
    for (String n : parent) {
      if (!child.contains(n)) {
        findings.add(
            Finding.of(FindingCode.NS_ONLY_AT_PARENT)
                .server(n, null)
                .values(parentText, childText));
      }
    }
    for (String n : child) {
      if (!parent.contains(n)) {
        findings.add(
            Finding.of(FindingCode.NS_ONLY_AT_CHILD).server(n, null).values(parentText, childText));
      }
    }
  }

  private static void glue(Observations o, List<Finding> findings) {
    Set<Name> names = new LinkedHashSet<>(o.parentGlue().keySet());
    names.addAll(o.ownAddresses().keySet());
    for (Name n : names) {
      List<InetAddress> glue = o.parentGlue().getOrDefault(n, List.of());
      List<InetAddress> own = o.ownAddresses().getOrDefault(n, List.of());
      if (glue.isEmpty() && own.isEmpty()) {
        findings.add(Finding.of(FindingCode.NS_NO_ADDRESS).server(n.toString(), null));
      } else if (o.parent() != null
          && o.parentGlue().containsKey(n)
          && glue.isEmpty()
          && n.subdomain(o.zone())) {
        findings.add(
            Finding.of(FindingCode.GLUE_MISSING)
                .server(n.toString(), null)
                .values(text(own), null));
      } else if (!glue.isEmpty() && !own.isEmpty() && !text(glue).equals(text(own))) {
        findings.add(
            Finding.of(FindingCode.GLUE_MISMATCH)
                .server(n.toString(), null)
                .values(text(own), text(glue)));
      }
    }
  }

  /** Addresses as one sorted, space-separated text (the set, whatever the order). */
  static String text(List<InetAddress> addresses) {
    return String.join(" ", new TreeSet<>(addresses.stream().map(IpAddress::text).toList()));
  }

  private static void ttls(Observations o, List<Finding> findings) {
    for (Observations.Probe p : o.probes()) {
      if (!authoritative(p.soa())) {
        continue;
      }
      for (Record r : Queries.section(p.soa().reply(), Section.ANSWER)) {
        if (r instanceof SOARecord soa && r.getName().equals(o.zone())) {
          long negative = Math.min(soa.getTTL(), soa.getMinimum());
          if (negative > NEGATIVE_TTL_LONG) {
            findings.add(
                Finding.of(FindingCode.NEGATIVE_TTL_LONG)
                    .rrset(o.zone() + " SOA")
                    .number(negative));
          } else if (negative < NEGATIVE_TTL_SHORT) {
            findings.add(
                Finding.of(FindingCode.NEGATIVE_TTL_SHORT)
                    .rrset(o.zone() + " SOA")
                    .number(negative));
          }
        }
      }
      break; // the first authoritative server speaks for the zone's data
    }
    for (Observations.Probe p : o.probes()) {
      if (!authoritative(p.ns()) || !authoritative(p.soa())) {
        continue;
      }
      for (Record r : Queries.section(p.ns().reply(), Section.ANSWER)) {
        if (r.getType() == Type.NS && r.getName().equals(o.zone())) {
          long ttl = r.getTTL();
          if (ttl < NS_TTL_SHORT) {
            findings.add(Finding.of(FindingCode.NS_TTL_SHORT).rrset(o.zone() + " NS").number(ttl));
          } else if (ttl > NS_TTL_LONG) {
            findings.add(Finding.of(FindingCode.NS_TTL_LONG).rrset(o.zone() + " NS").number(ttl));
          }
          return;
        }
      }
    }
  }

  static boolean authoritative(Asker.Answer a) {
    return a != null
        && a.replied()
        && a.reply().getRcode() == Rcode.NOERROR
        && a.reply().getHeader().getFlag(Flags.AA);
  }

  /** Whole days from {@code now} to {@code then}, rounded down (negative when past). */
  static long daysLeft(Instant now, Instant then) {
    return Math.floorDiv(Duration.between(now, then).toSeconds(), 86_400);
  }
}
