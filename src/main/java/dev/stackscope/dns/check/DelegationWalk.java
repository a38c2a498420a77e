package dev.stackscope.dns.check;

import dev.stackscope.dns.NameServer;
import dev.stackscope.dns.Queries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Walks down from the root hints (or the --server addresses) by referrals, without recursion: to
 * the parent of a zone (the servers whose referral names the zone), or to the authoritative answer
 * for a nameserver's address. Glueless referrals are followed by nested walks, to a bounded depth.
 */
final class DelegationWalk {
  /** Referrals followed in one walk: deeper than any real name's chain of zone cuts. */
  static final int MAX_HOPS = 16;

  /** Nesting of glueless lookups (a glueless NS whose NS is glueless...). */
  static final int MAX_DEPTH = 3;

  /** Nameserver names of one referral whose addresses are looked up when none has glue. */
  static final int MAX_GLUELESS = 4;

  private final Asker asker;
  private final List<InetSocketAddress> roots;
  private final int port;
  private final Map<Name, List<InetAddress>> addressCache = new ConcurrentHashMap<>();

  DelegationWalk(Asker asker, List<NameServer> roots, int port) {
    this.asker = asker;
    this.port = port;
    List<InetSocketAddress> list = new ArrayList<>();
    for (NameServer ns : roots) {
      for (InetAddress a : ns.addresses()) {
        list.add(new InetSocketAddress(a, port));
      }
    }
    this.roots = List.copyOf(list);
  }

  /** How a walk ended. */
  enum End {
    /** A referral for the name asked: {@code zone} is the parent, {@code servers} its servers. */
    DELEGATED,
    /** A reply that is not a referral (an answer, NODATA, an error rcode). */
    ANSWER,
    NXDOMAIN,
    /** No server of {@code zone} replied. */
    NO_REPLY
  }

  /** Where a walk ended: the last zone whose servers were asked, those servers, the last reply. */
  record Walk(End end, Name zone, List<InetSocketAddress> servers, Message reply) {}

  /** Walks to the delegation of {@code zone}. */
  Walk toDelegation(Name zone) {
    return walk(zone, Type.NS, zone, 0);
  }

  /** The A and AAAA addresses of {@code host}, from its authoritative servers (cached). */
  List<InetAddress> addresses(Name host) {
    return addresses(host, 0);
  }

  private List<InetAddress> addresses(Name host, int depth) {
    List<InetAddress> cached = addressCache.get(host);
    if (cached != null) {
      return cached;
    }
    List<InetAddress> found = new ArrayList<>();
    if (depth <= MAX_DEPTH) {
      for (int type : new int[] {Type.A, Type.AAAA}) {
        Walk w = walk(host, type, null, depth);
        if (w.end() == End.ANSWER) {
          found.addAll(addressRecords(w.reply(), Section.ANSWER, Set.of(host)));
        }
      }
    }
    List<InetAddress> result = List.copyOf(new LinkedHashSet<>(found));
    addressCache.put(host, result);
    return result;
  }

  private Walk walk(Name qname, int qtype, Name stopAt, int depth) {
    Name zone = Name.root;
    List<InetSocketAddress> servers = roots;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      Asker.Answer a = askFirst(servers, qname, qtype);
      if (a == null) {
        return new Walk(End.NO_REPLY, zone, servers, null);
      }
      Message m = a.reply();
      if (m.getRcode() == Rcode.NXDOMAIN) {
        return new Walk(End.NXDOMAIN, zone, servers, m);
      }
      Name cut = referral(m, zone, qname);
      if (cut == null) {
        return new Walk(End.ANSWER, zone, servers, m);
      }
      if (cut.equals(stopAt)) {
        return new Walk(End.DELEGATED, zone, servers, m);
      }
      List<InetSocketAddress> next = nextServers(m, cut, depth);
      if (next.isEmpty()) {
        return new Walk(End.NO_REPLY, cut, next, m);
      }
      zone = cut;
      servers = next;
    }
    return new Walk(End.NO_REPLY, zone, List.of(), null);
  }

  /** The first reply from {@code servers}, asked one after the other; null when none replied. */
  private Asker.Answer askFirst(List<InetSocketAddress> servers, Name qname, int qtype) {
    for (InetSocketAddress s : servers) {
      Asker.Answer a = asker.ask(s, qname, qtype, false);
      if (a.replied()) {
        return a;
      }
      if (a.failure() == Asker.Failure.LIMIT) {
        return null;
      }
    }
    return null;
  }

  /**
   * The zone a reply refers to: the owner of authority NS records below {@code zone} on the way to
   * {@code qname}, when the reply is not an authoritative answer; else null.
   */
  static Name referral(Message m, Name zone, Name qname) {
    if (m.getRcode() != Rcode.NOERROR
        || m.getHeader().getFlag(Flags.AA)
        || !Queries.section(m, Section.ANSWER).isEmpty()) {
      return null;
    }
    for (Record r : Queries.section(m, Section.AUTHORITY)) {
      Name owner = r.getName();
      if (r instanceof NSRecord
          && qname.subdomain(owner)
          && owner.subdomain(zone)
          && !owner.equals(zone)) {
        return owner;
      }
    }
    return null;
  }

  /** The NS names of a referral to {@code cut}, in order. */
  static List<Name> nsNames(Message m, int section, Name cut) {
    Set<Name> names = new LinkedHashSet<>();
    for (Record r : Queries.section(m, section)) {
      if (r instanceof NSRecord ns && r.getName().equals(cut)) {
        names.add(ns.getTarget());
      }
    }
    return List.copyOf(names);
  }

  /** A and AAAA addresses in {@code section} owned by one of {@code owners}. */
  static List<InetAddress> addressRecords(Message m, int section, Set<Name> owners) {
    List<InetAddress> list = new ArrayList<>();
    for (Record r : Queries.section(m, section)) {
      if (!owners.contains(r.getName())) {
        continue;
      }
      if (r instanceof ARecord a) {
        list.add(a.getAddress());
      } else if (r instanceof AAAARecord aaaa) {
        list.add(aaaa.getAddress());
      }
    }
    return list;
  }

  private List<InetSocketAddress> nextServers(Message m, Name cut, int depth) {
    List<Name> names = nsNames(m, Section.AUTHORITY, cut);
    List<InetSocketAddress> next = new ArrayList<>();
    for (InetAddress a : addressRecords(m, Section.ADDITIONAL, Set.copyOf(names))) {
      next.add(new InetSocketAddress(a, port));
    }
    if (next.isEmpty()) {
      int looked = 0;
      for (Name n : names) {
        if (n.subdomain(cut) || looked++ >= MAX_GLUELESS) {
          continue; // in-bailiwick without glue cannot be resolved through this zone
        }
        for (InetAddress a : addresses(n, depth + 1)) {
          next.add(new InetSocketAddress(a, port));
        }
        if (!next.isEmpty()) {
          break;
        }
      }
    }
    return next;
  }
}
