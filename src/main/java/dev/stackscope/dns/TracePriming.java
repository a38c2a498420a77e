package dev.stackscope.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The root servers as a recursive resolver knows them, for a trace that starts there (dig +trace
 * {@code @server}): ". NS" asked of the resolver, and the addresses of root servers it gave no glue
 * for. Only these queries go to the resolver — over its transport, which may be DoT or DoH; the
 * trace itself then asks the root and authoritative servers directly.
 */
public final class TracePriming {
  /** At most this many root server names are taken (there are 13). */
  static final int MAX_ROOTS = 13;

  /** The root servers to start from, and the queries that found them, as trace steps. */
  public record Primed(List<NameServer> roots, List<TraceStep> steps) {}

  private TracePriming() {}

  /**
   * Asks {@code resolver} for the root NS set (and any missing root server addresses of {@code
   * family}); an {@link IOException} when it cannot be asked or gives no usable root server.
   */
  public static Primed ask(
      DnsTransport transport,
      InetSocketAddress resolver,
      Protocol protocol,
      Duration timeout,
      Tracer.Family family)
      throws IOException {
    List<TraceStep> steps = new ArrayList<>();
    Message ns = exchange(transport, resolver, protocol, timeout, Name.root, Type.NS, steps);
    Map<Name, List<InetAddress>> roots = new LinkedHashMap<>();
    for (org.xbill.DNS.Record r : Queries.section(ns, Section.ANSWER)) {
      if (r instanceof NSRecord n && r.getName().equals(Name.root) && roots.size() < MAX_ROOTS) {
        roots.putIfAbsent(n.getTarget(), new ArrayList<>());
      }
    }
    if (roots.isEmpty()) {
      throw new IOException(
          "no root NS set in the reply (" + Queries.rcode(ns) + "): cannot start the trace");
    }
    addAddresses(Queries.section(ns, Section.ADDITIONAL), roots, family);
    for (Map.Entry<Name, List<InetAddress>> e : roots.entrySet()) {
      if (!e.getValue().isEmpty()) {
        continue;
      }
      for (int type : family.addressTypes()) {
        Message m = exchange(transport, resolver, protocol, timeout, e.getKey(), type, steps);
        addAddresses(Queries.section(m, Section.ANSWER), roots, family);
      }
    }
    List<NameServer> servers = new ArrayList<>();
    roots.forEach(
        (name, addresses) -> {
          if (!addresses.isEmpty()) {
            servers.add(new NameServer(name, List.copyOf(addresses)));
          }
        });
    if (servers.isEmpty()) {
      throw new IOException("no address for any root server: cannot start the trace");
    }
    return new Primed(List.copyOf(servers), List.copyOf(steps));
  }

  private static Message exchange(
      DnsTransport transport,
      InetSocketAddress resolver,
      Protocol protocol,
      Duration timeout,
      Name name,
      int type,
      List<TraceStep> steps)
      throws IOException {
    Exchange ex =
        transport.exchange(Queries.build(name, type, true, false), resolver, protocol, timeout);
    Message m = ex.reply();
    StepBuilder step = new StepBuilder();
    step.zone = Name.root.toString();
    step.question = name + " " + Type.string(type);
    step.server = new TraceStep.ServerRef("resolver", ServerAddress.format(resolver));
    step.protocol = ex.protocol().toString();
    step.outcome = TraceStep.Outcome.ANSWER;
    step.rcode = Queries.rcode(m);
    step.flags = Queries.flags(m);
    step.rttMs = ex.rttMs();
    step.bytes = ex.bytes();
    step.tls = ex.tls();
    step.records.addAll(RecordData.of(Queries.section(m, Section.ANSWER)));
    steps.add(step.build());
    return m;
  }

  private static void addAddresses(
      List<org.xbill.DNS.Record> records,
      Map<Name, List<InetAddress>> roots,
      Tracer.Family family) {
    for (org.xbill.DNS.Record r : records) {
      List<InetAddress> list = roots.get(r.getName());
      if (list == null) {
        continue;
      }
      if (r instanceof ARecord a && family != Tracer.Family.V6) {
        list.add(a.getAddress());
      } else if (r instanceof AAAARecord a && family != Tracer.Family.V4) {
        list.add(a.getAddress());
      }
    }
  }
}
