package dev.stackscope.dns;

import dev.stackscope.dns.Tracer.Delegation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * What a reply from one of a zone's servers means for an iterative resolution: scrubbed of
 * out-of-bailiwick records (Unbound's scrubber), then an answer, a CNAME to follow, a referral, a
 * denial (NXDOMAIN, NODATA) or a lame reply. Pure: reads the message, fills in the step.
 */
final class ReplyClassifier {
  private ReplyClassifier() {}

  enum Kind {
    ANSWER,
    CNAME,
    REFERRAL,
    NXDOMAIN,
    NODATA,
    LAME
  }

  /** What a reply means for the trace. */
  static final class Reply {
    Kind kind;
    List<org.xbill.DNS.Record> chain = List.of();
    List<org.xbill.DNS.Record> authority = List.of();
    Name target;
    Delegation delegation;
    StepBuilder step;
    Scrubbed scrubbed;
  }

  /**
   * Reads a reply from a server of {@code zone}: scrubs out-of-bailiwick records, then decides
   * whether it answers, redirects (CNAME), refers, denies, or is lame. Records what it saw.
   */
  static Reply classify(Name zone, Name qname, int qtype, Message m, StepBuilder step) {
    Scrubbed s = Scrubbed.of(zone, m);
    step.dropped.addAll(s.dropped());
    int rcode = m.getRcode();
    boolean aa = m.getHeader().getFlag(Flags.AA);
    Reply reply = new Reply();
    reply.step = step;
    reply.scrubbed = s;
    if (rcode != org.xbill.DNS.Rcode.NOERROR && rcode != org.xbill.DNS.Rcode.NXDOMAIN) {
      return lame(reply, step, TraceDetail.rcode(Queries.rcode(m)));
    }
    // follow the CNAME chain inside the reply, as far as the zone's bailiwick allows
    CnameChain followed = CnameChain.follow(qname, qtype, s.answer());
    List<org.xbill.DNS.Record> chain = followed.records();
    Name name = followed.end();
    boolean complete = followed.complete();
    if (!chain.isEmpty()) {
      if (!aa) {
        return lame(reply, step, TraceDetail.of(TraceDetail.Kind.ANSWER_WITHOUT_AA));
      }
      step.records.addAll(RecordData.of(chain));
      if (complete) {
        reply.kind = Kind.ANSWER;
        step.outcome = TraceStep.Outcome.ANSWER;
      } else if (rcode == org.xbill.DNS.Rcode.NXDOMAIN) {
        reply.kind = Kind.NXDOMAIN;
        step.outcome = TraceStep.Outcome.NXDOMAIN;
        reply.authority = s.soa();
        step.records.addAll(RecordData.of(s.soa()));
      } else {
        reply.kind = Kind.CNAME;
        reply.target = name;
        step.outcome = TraceStep.Outcome.CNAME;
        step.detail =
            TraceDetail.name(
                name.subdomain(zone)
                    ? TraceDetail.Kind.CNAME_IN_ZONE
                    : TraceDetail.Kind.CNAME_RESTART,
                name.toString());
      }
      reply.chain = chain;
      return reply;
    }
    if (rcode == org.xbill.DNS.Rcode.NXDOMAIN) {
      if (!aa) {
        return lame(reply, step, TraceDetail.of(TraceDetail.Kind.NXDOMAIN_WITHOUT_AA));
      }
      reply.kind = Kind.NXDOMAIN;
      reply.authority = s.soa();
      step.outcome = TraceStep.Outcome.NXDOMAIN;
      step.records.addAll(RecordData.of(s.soa()));
      return reply;
    }
    Name cut = s.referralZone();
    if (cut != null && !aa) {
      if (!cut.subdomain(zone) || cut.equals(zone) || !qname.subdomain(cut)) {
        return lame(
            reply,
            step,
            TraceDetail.referralNotDownward(cut.toString(), zone.toString(), qname.toString()));
      }
      List<NameServer> servers = s.servers(cut);
      reply.kind = Kind.REFERRAL;
      reply.delegation = new Delegation(cut, servers);
      step.outcome = TraceStep.Outcome.REFERRAL;
      step.detail = TraceDetail.name(TraceDetail.Kind.REFERRAL_TO, cut.toString());
      step.records.addAll(RecordData.of(s.referralRecords(cut)));
      return reply;
    }
    if (aa) {
      reply.kind = Kind.NODATA;
      reply.authority = s.soa();
      step.outcome = TraceStep.Outcome.NODATA;
      step.records.addAll(RecordData.of(s.soa()));
      return reply;
    }
    return lame(reply, step, TraceDetail.of(TraceDetail.Kind.NEITHER_ANSWER_NOR_REFERRAL));
  }

  private static Reply lame(Reply reply, StepBuilder step, TraceDetail why) {
    reply.kind = Kind.LAME;
    step.outcome = TraceStep.Outcome.LAME;
    step.detail = why;
    return reply;
  }

  /** A reply's sections with the records outside the zone's bailiwick taken out. */
  record Scrubbed(
      List<org.xbill.DNS.Record> answer,
      List<org.xbill.DNS.Record> authority,
      List<org.xbill.DNS.Record> additional,
      List<RecordData> dropped) {

    static Scrubbed of(Name zone, Message m) {
      List<RecordData> dropped = new ArrayList<>();
      return new Scrubbed(
          keep(zone, Queries.section(m, org.xbill.DNS.Section.ANSWER), dropped),
          keep(zone, Queries.section(m, org.xbill.DNS.Section.AUTHORITY), dropped),
          keep(zone, Queries.section(m, org.xbill.DNS.Section.ADDITIONAL), dropped),
          dropped);
    }

    private static List<org.xbill.DNS.Record> keep(
        Name zone, List<org.xbill.DNS.Record> records, List<RecordData> dropped) {
      List<org.xbill.DNS.Record> kept = new ArrayList<>();
      for (org.xbill.DNS.Record r : records) {
        if (r.getName().subdomain(zone)) {
          kept.add(r);
        } else {
          dropped.add(RecordData.of(r));
        }
      }
      return kept;
    }

    List<org.xbill.DNS.Record> soa() {
      return authority.stream()
          .filter(r -> r.getType() == Type.SOA || CnameChain.isSigOver(r, Type.SOA))
          .toList();
    }

    /** The owner of the authority section's NS records, if there are any. */
    Name referralZone() {
      return authority.stream()
          .filter(r -> r.getType() == Type.NS)
          .map(org.xbill.DNS.Record::getName)
          .findFirst()
          .orElse(null);
    }

    List<NameServer> servers(Name cut) {
      Map<Name, List<InetAddress>> byName = new LinkedHashMap<>();
      for (org.xbill.DNS.Record r : authority) {
        if (r instanceof org.xbill.DNS.NSRecord ns && r.getName().equals(cut)) {
          byName.putIfAbsent(ns.getTarget(), new ArrayList<>());
        }
      }
      for (org.xbill.DNS.Record r : additional) {
        List<InetAddress> list = byName.get(r.getName());
        if (list == null) {
          continue;
        }
        if (r instanceof ARecord a) {
          list.add(a.getAddress());
        } else if (r instanceof AAAARecord a) {
          list.add(a.getAddress());
        }
      }
      List<NameServer> servers = new ArrayList<>();
      byName.forEach((n, list) -> servers.add(new NameServer(n, List.copyOf(list))));
      return servers;
    }

    List<org.xbill.DNS.Record> referralRecords(Name cut) {
      Set<Name> targets = new HashSet<>();
      List<org.xbill.DNS.Record> out = new ArrayList<>();
      for (org.xbill.DNS.Record r : authority) {
        if (r.getName().equals(cut)) {
          out.add(r); // NS, DS and their signatures
          if (r instanceof org.xbill.DNS.NSRecord ns) {
            targets.add(ns.getTarget());
          }
        }
      }
      for (org.xbill.DNS.Record r : additional) {
        if ((r.getType() == Type.A || r.getType() == Type.AAAA) && targets.contains(r.getName())) {
          out.add(r);
        }
      }
      return out;
    }
  }
}
