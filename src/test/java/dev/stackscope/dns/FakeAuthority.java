package dev.stackscope.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A small in-process authoritative server for tests: answers from dnsjava {@link Zone}s over UDP
 * and TCP like NSD would (referrals with glue, AA answers, NXDOMAIN/NODATA with the SOA, REFUSED
 * outside its zones, TC when the reply does not fit the client's EDNS buffer). Can be silent, or
 * add forged out-of-bailiwick glue to referrals.
 */
final class FakeAuthority implements AutoCloseable {
  private final List<Zone> zones;
  private final boolean silent;
  private final boolean forgeGlue;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  final AtomicInteger queries = new AtomicInteger();

  FakeAuthority(InetSocketAddress at, List<Zone> zones, boolean silent, boolean forgeGlue)
      throws IOException {
    this.zones = zones;
    this.silent = silent;
    this.forgeGlue = forgeGlue;
    udp = new DatagramSocket(at);
    tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(at);
    Thread u = new Thread(this::serveUdp, "fake-dns-udp-" + at);
    u.setDaemon(true);
    u.start();
    Thread t = new Thread(this::serveTcp, "fake-dns-tcp-" + at);
    t.setDaemon(true);
    t.start();
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        queries.incrementAndGet();
        if (silent) {
          continue;
        }
        byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
        Message q = new Message(in);
        byte[] out = answer(q).toWire();
        OPTRecord opt = q.getOPT();
        int limit = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        if (out.length > limit) {
          Message tc = reply(q);
          tc.getHeader().setFlag(Flags.TC);
          out = tc.toWire();
        }
        udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a garbled query: keep serving until closed
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        queries.incrementAndGet();
        if (silent) {
          continue;
        }
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] q = new byte[in.readUnsignedShort()];
        in.readFully(q);
        byte[] out = answer(new Message(q)).toWire();
        OutputStream o = s.getOutputStream();
        o.write(new byte[] {(byte) (out.length >>> 8), (byte) out.length});
        o.write(out);
        o.flush();
      } catch (IOException e) {
        // closed, or the client went away
      }
    }
  }

  private static Message reply(Message q) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    if (q.getHeader().getFlag(Flags.RD)) {
      r.getHeader().setFlag(Flags.RD);
    }
    r.addRecord(q.getQuestion(), Section.QUESTION);
    if (q.getOPT() != null) {
      r.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return r;
  }

  Message answer(Message q) {
    Message r = reply(q);
    Name qname = q.getQuestion().getName();
    int qtype = q.getQuestion().getType();
    Zone zone = null;
    for (Zone z : zones) {
      if (qname.subdomain(z.getOrigin())
          && (zone == null || z.getOrigin().labels() > zone.getOrigin().labels())) {
        zone = z;
      }
    }
    if (zone == null) {
      r.getHeader().setRcode(Rcode.REFUSED);
      return r;
    }
    Name name = qname;
    OPTRecord opt = q.getOPT();
    boolean dnssec = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    for (int hops = 0; hops < 8; hops++) {
      SetResponse sr = zone.findRecords(name, qtype);
      if (sr.isDelegation()) {
        RRset ns = sr.getNS();
        List<Name> targets = new ArrayList<>();
        for (Record rec : ns.rrs(false)) {
          r.addRecord(rec, Section.AUTHORITY);
          targets.add(((NSRecord) rec).getTarget());
        }
        if (dnssec) {
          RRset ds = zone.findExactMatch(ns.getName(), Type.DS);
          addSigned(
              r, ds != null ? ds : zone.findExactMatch(ns.getName(), Type.NSEC), Section.AUTHORITY);
        }
        for (Name t : targets) {
          if (t.subdomain(zone.getOrigin())) {
            for (int type : new int[] {Type.A, Type.AAAA}) {
              RRset glue = zone.findExactMatch(t, type);
              if (glue != null) {
                glue.rrs(false).forEach(g -> r.addRecord(g, Section.ADDITIONAL));
              }
            }
          } else if (forgeGlue) {
            r.addRecord(
                new ARecord(t, DClass.IN, 300, new byte[] {127, 53, 0, 66}), Section.ADDITIONAL);
          }
        }
        return r;
      }
      r.getHeader().setFlag(Flags.AA);
      if (sr.isSuccessful()) {
        for (RRset set : sr.answers()) {
          set.rrs(false).forEach(rec -> r.addRecord(rec, Section.ANSWER));
          if (dnssec) {
            set.sigs().forEach(rec -> r.addRecord(rec, Section.ANSWER));
          }
        }
        return r;
      }
      if (sr.isCNAME()) {
        CNAMERecord c = sr.getCNAME();
        r.addRecord(c, Section.ANSWER);
        if (dnssec) {
          zone.findExactMatch(c.getName(), Type.CNAME)
              .sigs()
              .forEach(rec -> r.addRecord(rec, Section.ANSWER));
        }
        if (qtype == Type.CNAME || !c.getTarget().subdomain(zone.getOrigin())) {
          return r;
        }
        name = c.getTarget();
        continue;
      }
      if (sr.isNXDOMAIN() && name.equals(qname)) {
        r.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      if (dnssec) {
        addSigned(r, zone.findExactMatch(zone.getOrigin(), Type.SOA), Section.AUTHORITY);
        addDenial(r, zone, name);
      } else {
        r.addRecord(zone.getSOA(), Section.AUTHORITY);
      }
      return r;
    }
    return r;
  }

  private static void addSigned(Message r, RRset set, int section) {
    if (set != null) {
      set.rrs(false).forEach(rec -> r.addRecord(rec, section));
      set.sigs().forEach(rec -> r.addRecord(rec, section));
    }
  }

  /** The NSEC at the name (NODATA) or those covering it and the wildcards above it (NXDOMAIN). */
  private static void addDenial(Message r, Zone zone, Name name) {
    RRset exact = zone.findExactMatch(name, Type.NSEC);
    if (exact != null) {
      addSigned(r, exact, Section.AUTHORITY);
      return;
    }
    List<Name> denied = new ArrayList<>(List.of(name));
    for (Name n = name; n.labels() > zone.getOrigin().labels(); n = new Name(n, 1)) {
      denied.add(n.wild(1));
    }
    java.util.Set<Name> added = new java.util.HashSet<>();
    for (RRset set : zone) {
      if (set.getType() != Type.NSEC) {
        continue;
      }
      NSECRecord nsec = (NSECRecord) set.first();
      boolean last = nsec.getNext().compareTo(nsec.getName()) <= 0;
      for (Name d : denied) {
        if (nsec.getName().compareTo(d) < 0
            && (d.compareTo(nsec.getNext()) < 0 || last)
            && added.add(nsec.getName())) {
          addSigned(r, set, Section.AUTHORITY);
        }
      }
    }
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
