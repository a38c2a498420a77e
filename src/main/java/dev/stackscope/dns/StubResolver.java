package dev.stackscope.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;

/**
 * Asks recursive resolvers (the system's, or the ones given) one question at a time, with RD set;
 * tries each server in turn, retries truncated UDP replies over TCP.
 */
public final class StubResolver {
  /** Where and how to ask. An empty server list means the system's resolver configuration. */
  public record Settings(
      List<InetSocketAddress> servers,
      Protocol protocol,
      Duration timeout,
      int tries,
      QueryShape shape) {
    public Settings(
        List<InetSocketAddress> servers,
        Protocol protocol,
        Duration timeout,
        int tries,
        boolean dnssec) {
      this(servers, protocol, timeout, tries, QueryShape.stub(dnssec));
    }
  }

  private final DnsTransport transport;
  private final Settings settings;

  public StubResolver(DnsTransport transport, Settings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  /**
   * The system's resolvers (resolv.conf and friends, as dnsjava reads them), read afresh each time:
   * the shell and the warm server outlive changes to resolv.conf.
   */
  public static List<InetSocketAddress> systemServers() {
    ResolverConfig.refresh();
    return ResolverConfig.getCurrentConfig().servers();
  }

  public List<InetSocketAddress> servers() {
    return settings.servers().isEmpty() ? systemServers() : settings.servers();
  }

  public Resolution resolve(QueryName name, int type) {
    List<Resolution.Attempt> attempts = new ArrayList<>();
    for (InetSocketAddress server : servers()) {
      for (int i = 0; i < Math.max(1, settings.tries()); i++) {
        Protocol protocol = settings.protocol(); // TCP once a truncated reply is retried
        try {
          Exchange ex = ask(name, type, server, protocol);
          if (protocol == Protocol.UDP && truncated(ex)) {
            attempts.add(attempt(server, protocol, Resolution.Attempt.Outcome.TRUNCATED, null));
            protocol = Protocol.TCP;
            ex = ask(name, type, server, protocol);
          }
          if (truncated(ex)) {
            throw new IOException("truncated reply over TCP"); // nothing more to ask for
          }
          Message m = ex.reply();
          List<org.xbill.DNS.Record> section = Queries.section(m, Section.ANSWER);
          CnameChain chain = CnameChain.follow(name.name(), type, section);
          return new Resolution(
              name.ascii(),
              name.unicode(),
              RecordTypes.name(type),
              Queries.rcode(m),
              Queries.flags(m),
              ServerAddress.format(server),
              ex.protocol().toString(),
              ex.rttMs(),
              ex.bytes(),
              RecordData.of(chain.records()),
              RecordData.of(Queries.section(m, Section.AUTHORITY)),
              RecordData.of(chain.others(section)),
              List.copyOf(attempts),
              EdnsReport.of(m),
              ex.tls());
        } catch (SocketTimeoutException e) {
          attempts.add(attempt(server, protocol, Resolution.Attempt.Outcome.TIMEOUT, null));
        } catch (IOException e) {
          attempts.add(attempt(server, protocol, Resolution.Attempt.Outcome.ERROR, describe(e)));
          break; // unreachable or garbled: the next try would fare no better
        }
      }
    }
    return Resolution.unanswered(name.ascii(), name.unicode(), RecordTypes.name(type), attempts);
  }

  private Exchange ask(QueryName name, int type, InetSocketAddress server, Protocol protocol)
      throws IOException {
    Message query = settings.shape().query(name.name(), type);
    return transport.exchange(query, server, protocol, settings.timeout());
  }

  private static boolean truncated(Exchange ex) {
    return ex.reply().getHeader().getFlag(Flags.TC);
  }

  private static Resolution.Attempt attempt(
      InetSocketAddress server, Protocol p, Resolution.Attempt.Outcome outcome, String error) {
    return new Resolution.Attempt(ServerAddress.format(server), p.toString(), outcome, error);
  }

  static String describe(IOException e) {
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }
}
