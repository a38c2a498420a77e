package dev.stackscope.dns.resolvconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.dns.DnsTransport;
import dev.stackscope.dns.Exchange;
import dev.stackscope.dns.resolvconf.ProcessLookup.Lookup;
import dev.stackscope.dns.resolvconf.ProcessLookup.Pairing;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * resolv.conf's options applied to the queries --as and --search send, from fixture files: rotate
 * (each query starts at the next server), single-request and single-request-reopen (A then AAAA:
 * the pair costs both), no-aaaa (no AAAA query), attempts (rounds over the servers) and timeout
 * (glibc's wait per server).
 */
class ProcessLookupOptionsTest {
  /** The numbers of servers the first server of rotate was chosen among, one per lookup. */
  private final List<Integer> chosenAmong = new ArrayList<>();

  /** One query sent: "NAME TYPE SERVER WAIT". */
  private final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());

  private static ProcessLookup.View view(String fixture) throws IOException {
    try (InputStream in = ProcessLookupOptionsTest.class.getResourceAsStream(fixture)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ProcessLookup.View(ResolvConf.parse(text), HostsFile.empty(), List.of("dns"));
    }
  }

  /**
   * A fake network: names in {@code exist} have an A (10 ms) and an AAAA (30 ms) record, others are
   * NXDOMAIN; servers in {@code silent} never reply, those in {@code failing} SERVFAIL.
   */
  private DnsTransport network(Set<String> exist, Set<String> silent, Set<String> failing) {
    return (query, server, protocol, timeout) -> {
      Name qname = query.getQuestion().getName();
      int type = query.getQuestion().getType();
      String address = server.getAddress().getHostAddress();
      sent.add(qname + " " + Type.string(type) + " " + address + " " + timeout.toSeconds() + "s");
      if (silent.contains(address)) {
        throw new SocketTimeoutException("no reply");
      }
      Message reply = new Message(query.getHeader().getID());
      reply.getHeader().setFlag(Flags.QR);
      reply.getHeader().setFlag(Flags.RD);
      reply.getHeader().setFlag(Flags.RA);
      reply.addRecord(query.getQuestion(), Section.QUESTION);
      if (failing.contains(address)) {
        reply.getHeader().setRcode(Rcode.SERVFAIL);
      } else if (!exist.contains(qname.toString())) {
        reply.getHeader().setRcode(Rcode.NXDOMAIN);
      } else if (type == Type.A) {
        reply.addRecord(
            new ARecord(qname, DClass.IN, 60, InetAddress.getByName("192.0.2.80")), Section.ANSWER);
      } else {
        reply.addRecord(
            new AAAARecord(qname, DClass.IN, 60, InetAddress.getByName("2001:db8::80")),
            Section.ANSWER);
      }
      return new Exchange(server, protocol, reply, type == Type.A ? 10 : 30, 100);
    };
  }

  private Lookup lookup(String name, String fixture, DnsTransport net, int rotateStart)
      throws IOException {
    Lookup l =
        ProcessLookup.run(
            name,
            List.of(Type.A, Type.AAAA),
            view(fixture),
            net,
            System::nanoTime,
            n -> {
              chosenAmong.add(n);
              return rotateStart;
            });
    List<String> canonical = QueryPairs.canonical(sent);
    sent.clear();
    sent.addAll(canonical);
    return l;
  }

  @Test
  void rotateStartsEachQueryAtTheNextServer() throws IOException {
    Lookup l = lookup("x", "rotate.conf", network(Set.of(), Set.of(), Set.of()), 0);
    assertTrue(l.rotate());
    assertEquals(List.of(3), chosenAmong, "the first server is chosen once, among the three");
    assertEquals("192.0.2.1", l.rotateFirst());
    assertEquals(
        List.of(
            "x.a.test. A 192.0.2.1 5s",
            "x.a.test. AAAA 192.0.2.1 5s",
            "x.b.test. A 192.0.2.2 3s",
            "x.b.test. AAAA 192.0.2.2 3s",
            "x. A 192.0.2.3 6s",
            "x. AAAA 192.0.2.3 6s"),
        sent,
        "glibc's wait: 5s for the first server, (5 << n) / 3 for server n");
    sent.clear();
    Lookup third = lookup("x", "rotate.conf", network(Set.of(), Set.of(), Set.of()), 2);
    assertEquals(
        List.of("192.0.2.3", "192.0.2.1", "192.0.2.2"),
        List.of(server(0), server(2), server(4)),
        "the chosen first server (the third), then each query (a candidate's pair) one further");
    assertEquals("192.0.2.3", third.rotateFirst());
    assertEquals(
        List.of("192.0.2.3:53", "192.0.2.1:53", "192.0.2.2:53"),
        List.of(
            third.queries().get(0).server(),
            third.queries().get(2).server(),
            third.queries().get(4).server()),
        "the SERVER of each query says where it went");
    sent.clear();
    chosenAmong.clear();
    Lookup plain = lookup("x", "default.conf", network(Set.of(), Set.of(), Set.of()), 2);
    assertEquals("192.0.2.1", server(0), "without rotate the first server always");
    assertEquals(List.of(), chosenAmong, "and nothing chosen at random");
    assertEquals(null, plain.rotateFirst());
  }

  @Test
  void rotateGoesOnAcrossTheNamesOfOneRunAsInOneProcess() throws IOException {
    List<Integer> draws = new ArrayList<>();
    RotationOffset rotation =
        new RotationOffset(
            n -> {
              draws.add(n);
              return 1;
            });
    DnsTransport net = network(Set.of(), Set.of(), Set.of());
    Lookup first =
        ProcessLookup.run(
            "one.",
            List.of(Type.A, Type.AAAA),
            view("rotate.conf"),
            net,
            System::nanoTime,
            rotation);
    rotation.after(first);
    Lookup second =
        ProcessLookup.run(
            "x", List.of(Type.A, Type.AAAA), view("rotate.conf"), net, System::nanoTime, rotation);
    rotation.after(second);
    Lookup third =
        ProcessLookup.run(
            "y.", List.of(Type.A, Type.AAAA), view("rotate.conf"), net, System::nanoTime, rotation);
    assertEquals(List.of(3), draws, "drawn once, for the whole run");
    assertEquals("192.0.2.2", first.rotateFirst(), "the drawn server");
    assertEquals("192.0.2.3", second.rotateFirst(), "one candidate later: the next");
    assertEquals(
        List.of("192.0.2.3:53", "192.0.2.1:53", "192.0.2.2:53"),
        List.of(
            second.queries().get(0).server(),
            second.queries().get(2).server(),
            second.queries().get(4).server()));
    assertEquals("192.0.2.3", third.rotateFirst(), "three candidates later: round again");
  }

  @Test
  void rotateGoesRoundFromTheRandomFirstServerWhenOneDoesNotReply() throws IOException {
    // the chosen first server (the second) is silent: each candidate goes on to the next, in
    // glibc's order from the offset, with the wait of each server's own index
    Lookup l =
        lookup(
            "www", "rotate.conf", network(Set.of("www.b.test."), Set.of("192.0.2.2"), Set.of()), 1);
    assertEquals("192.0.2.2", l.rotateFirst());
    assertEquals(
        List.of(
            "www.a.test. A 192.0.2.2 3s",
            "www.a.test. AAAA 192.0.2.2 3s",
            "www.a.test. A 192.0.2.3 6s",
            "www.a.test. AAAA 192.0.2.3 6s",
            "www.b.test. A 192.0.2.3 6s",
            "www.b.test. AAAA 192.0.2.3 6s"),
        sent);
    assertEquals("www.b.test.", l.answerName());
  }

  private String server(int query) {
    return sent.get(query).split(" ")[2];
  }

  @Test
  void singleRequestCountsBothQueriesOfThePairParallelTheSlower() throws IOException {
    Lookup parallel = lookup("www", "default.conf", network(Set.of("www."), Set.of(), Set.of()), 0);
    assertEquals(Pairing.PARALLEL, parallel.pairing());
    assertEquals(List.of("www.a.test.", "www.a.test.", "www.", "www."), names(parallel));
    assertEquals(30.0, parallel.searchMs(), 0.001, "A 10 ms and AAAA 30 ms sent together: 30 ms");
    sent.clear();
    Lookup single =
        lookup("www", "single-request.conf", network(Set.of("www."), Set.of(), Set.of()), 0);
    assertEquals(Pairing.SEQUENTIAL, single.pairing());
    assertEquals(names(parallel), names(single), "the same queries, in the same order");
    assertEquals(40.0, single.searchMs(), 0.001, "one after the other: 10 + 30 ms");
    assertEquals("www.a.test. A 192.0.2.1 3s", sent.get(0), "timeout:3");
    assertEquals(List.of("192.0.2.80", "2001:db8::80"), single.addresses());
    sent.clear();
    Lookup reopen =
        lookup("www", "single-request-reopen.conf", network(Set.of(), Set.of(), Set.of()), 0);
    assertEquals(Pairing.SEQUENTIAL_REOPEN, reopen.pairing());
    assertEquals(80.0, reopen.searchMs(), 0.001, "nothing found: both candidates' pairs summed");
  }

  @Test
  void theQueriesOfAPairAreOnTheirWayTogetherUnlessSingleRequest() throws IOException {
    // a server that answers the A only once the AAAA has arrived too: sent together, both are
    // answered at once; one after the other, the A waits its whole timeout (1s) for nothing
    java.util.concurrent.CountDownLatch aaaaArrived = new java.util.concurrent.CountDownLatch(1);
    DnsTransport answers = network(Set.of("www."), Set.of(), Set.of());
    DnsTransport waitsForTheAaaa =
        (query, server, protocol, timeout) -> {
          if (query.getQuestion().getType() == Type.AAAA) {
            aaaaArrived.countDown();
          } else {
            try {
              if (!aaaaArrived.await(
                  timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new SocketTimeoutException("no reply");
              }
            } catch (InterruptedException e) {
              throw new java.io.InterruptedIOException();
            }
          }
          return answers.exchange(query, server, protocol, timeout);
        };
    long t0 = System.nanoTime();
    Lookup together = lookup("www.", "pair.conf", waitsForTheAaaa, 0);
    assertEquals(List.of("192.0.2.80", "2001:db8::80"), together.addresses(), together::toString);
    assertTrue(System.nanoTime() - t0 < 900_000_000L, "no wait for a timeout");
    assertEquals(List.of("www. A 192.0.2.1 1s", "www. AAAA 192.0.2.1 1s"), sent);
    assertEquals(Pairing.PARALLEL, together.pairing());
    sent.clear();
    java.util.concurrent.CountDownLatch second = new java.util.concurrent.CountDownLatch(1);
    DnsTransport alone =
        (query, server, protocol, timeout) -> {
          if (query.getQuestion().getType() == Type.AAAA) {
            second.countDown();
            return answers.exchange(query, server, protocol, timeout);
          }
          try {
            if (!second.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
              sent.add("A timed out");
              throw new SocketTimeoutException("no reply");
            }
          } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
          }
          return answers.exchange(query, server, protocol, timeout);
        };
    Lookup single = lookup("www.", "pair-single.conf", alone, 0);
    assertEquals(Pairing.SEQUENTIAL, single.pairing());
    assertEquals("timeout", single.queries().get(0).outcome(), "the A waited alone");
    assertEquals("A timed out", sent.get(0));
  }

  @Test
  void noAaaaSendsNoAaaaQuery() throws IOException {
    Lookup l = lookup("www", "no-aaaa.conf", network(Set.of("www."), Set.of(), Set.of()), 0);
    assertEquals(Pairing.A_ONLY, l.pairing());
    assertEquals(List.of("www.a.test. A 192.0.2.1 5s", "www. A 192.0.2.1 5s"), sent);
    assertEquals(List.of("192.0.2.80"), l.addresses());
    assertFalse(l.queries().stream().anyMatch(q -> q.type().equals("AAAA")));
  }

  @Test
  void attemptsAreRoundsOverTheServersUntilAReply() throws IOException {
    // the first server never replies, the second SERVFAILs: three rounds over both, and a
    // SERVFAIL is no final answer
    Lookup l =
        lookup(
            "www.example",
            "attempts.conf",
            network(Set.of(), Set.of("192.0.2.1"), Set.of("192.0.2.2")),
            0);
    List<String> round =
        List.of(
            "www.example. A 192.0.2.1 4s",
            "www.example. AAAA 192.0.2.1 4s",
            "www.example. A 192.0.2.2 4s",
            "www.example. AAAA 192.0.2.2 4s");
    List<String> three = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      three.addAll(round);
    }
    assertEquals(three, sent, "attempts:3, and (4 << 1) / 2 = 4s for the second server");
    assertEquals(3, l.attempts());
    assertEquals(4, l.timeoutSeconds());
    assertEquals(null, l.answeredBy());
    assertEquals("timeout", l.queries().get(0).outcome());
    assertEquals("SERVFAIL", l.queries().get(2).outcome());
  }

  @Test
  void glibcsWaitPerServer() {
    ResolvConf c = ResolvConf.parse("options timeout:5\nnameserver 10.0.0.1\nnameserver 10.0.0.2");
    assertEquals(Duration.ofSeconds(5), ProcessLookup.glibcTimeout(c, 2, 0));
    assertEquals(Duration.ofSeconds(5), ProcessLookup.glibcTimeout(c, 2, 1));
    assertEquals(Duration.ofSeconds(6), ProcessLookup.glibcTimeout(c, 3, 2));
    ResolvConf one = ResolvConf.parse("options timeout:1");
    assertEquals(Duration.ofSeconds(1), ProcessLookup.glibcTimeout(one, 3, 1), "at least 1s");
  }

  @Test
  void theOptionsAreRead() {
    ResolvConf c =
        ResolvConf.parse("options single-request-reopen no-aaaa\noptions single-request\n");
    assertTrue(c.singleRequest() && c.singleRequestReopen() && c.noAaaa() && c.sequentialPair());
    ResolvConf none = ResolvConf.parse("options no-aaaa-please single\n");
    assertFalse(none.singleRequest() || none.singleRequestReopen() || none.noAaaa());
  }

  @Test
  void localdomainAndResOptionsOfTheEnvironmentAsGlibcAppliesThem() throws IOException {
    String file = "search a.test\ndomain d.test\noptions ndots:3 rotate\nnameserver 192.0.2.1\n";
    ResolvConf both = ResolvConf.parse(file, "x.test y.test", "ndots:1 no-aaaa");
    assertEquals(List.of("x.test", "y.test"), both.search(), "LOCALDOMAIN is the search list");
    assertEquals(1, both.ndots(), "RES_OPTIONS after the file's options");
    assertTrue(both.noAaaa() && both.rotate());
    assertEquals(List.of(), ResolvConf.parse(file, "", null).search(), "set but empty: none");
    ResolvConf options = ResolvConf.parse(file, null, "attempts:4");
    assertEquals(List.of("d.test"), options.search());
    assertEquals(4, options.attempts());
    assertEquals(ResolvConf.parse(file), ResolvConf.parse(file, null, null));
    java.nio.file.Path environ = java.nio.file.Files.createTempFile("environ", "");
    try {
      java.nio.file.Files.writeString(
          environ, "PATH=/bin\0LOCALDOMAIN=b.test\0RES_OPTIONS=ndots:2\0X=LOCALDOMAIN=no\0");
      assertEquals(
          java.util.Map.of("LOCALDOMAIN", "b.test", "RES_OPTIONS", "ndots:2"),
          ProcessContext.environment(environ));
    } finally {
      java.nio.file.Files.delete(environ);
    }
    assertEquals(java.util.Map.of(), ProcessContext.environment(environ), "gone: the files alone");
  }

  @Test
  void withoutASearchListTheHostnamesDomainIsTheDefault() {
    List<String> asked = new ArrayList<>();
    java.util.function.Function<String, java.util.function.Supplier<String>> host =
        h ->
            () -> {
              asked.add(h);
              return h;
            };
    String noSearch = "nameserver 192.0.2.1\noptions ndots:2\n";
    ResolvConf d = ResolvConf.parse(noSearch, null, null, host.apply("web1.corp.test"));
    assertEquals(List.of("corp.test"), d.search(), "what follows the first dot");
    assertEquals(SearchFrom.HOSTNAME, d.searchFrom());
    assertEquals("web1.corp.test", d.hostname());
    assertEquals(
        List.of("x.corp.test.", "x."), SearchPlan.candidates("x", d), "searched as a search line");
    ResolvConf bare = ResolvConf.parse(noSearch, null, null, host.apply("web1"));
    assertEquals(List.of(), bare.search());
    assertEquals(SearchFrom.NONE, bare.searchFrom());
    ResolvConf unknown = ResolvConf.parse(noSearch, null, null, () -> null);
    assertEquals(List.of(), unknown.search());
    assertEquals(SearchFrom.HOSTNAME_UNKNOWN, unknown.searchFrom());
    ResolvConf root = ResolvConf.parse(noSearch, null, null, host.apply("web1."));
    assertEquals(List.of("x."), SearchPlan.candidates("x", root), "the root domain: as it is");
    asked.clear();
    ResolvConf line =
        ResolvConf.parse("search a.test\n" + noSearch, null, null, host.apply("h.b.test"));
    assertEquals(List.of("a.test"), line.search());
    assertEquals(SearchFrom.FILE, line.searchFrom());
    assertEquals(null, line.hostname());
    ResolvConf env = ResolvConf.parse(noSearch, "", null, host.apply("h.b.test"));
    assertEquals(List.of(), env.search(), "LOCALDOMAIN set, even empty: no default");
    assertEquals(SearchFrom.LOCALDOMAIN, env.searchFrom());
    assertEquals(List.of(), asked, "with a search list the hostname is not asked");
    ResolvConf emptyLine =
        ResolvConf.parse("search\ndomain \n" + noSearch, null, null, host.apply("h.b.test"));
    assertEquals(
        List.of("b.test"), emptyLine.search(), "a search or domain line without a domain: none");
    ResolvConf options = ResolvConf.parse(noSearch, null, "ndots:4", host.apply("h.b.test"));
    assertEquals(4, options.ndots(), "RES_OPTIONS still after the file");
    assertEquals(List.of("b.test"), options.search());
  }

  @Test
  void thisHostsViewTakesStackscopesEnvironmentAndHostname() throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hostview");
    try {
      java.nio.file.Path etc = java.nio.file.Files.createDirectories(dir.resolve("root/etc"));
      java.nio.file.Path proc = java.nio.file.Files.createDirectories(dir.resolve("proc"));
      java.nio.file.Files.writeString(etc.resolve("resolv.conf"), "nameserver 192.0.2.1\n");
      java.nio.file.Files.createDirectories(proc.resolve("sys/kernel"));
      java.nio.file.Files.writeString(proc.resolve("sys/kernel/hostname"), "box.lan.test\n");
      ProcessContext plain = ProcessContext.host(proc, dir.resolve("root"), java.util.Map.of());
      ResolvConf c = plain.files().conf();
      assertEquals(List.of("lan.test"), c.search(), "the hostname's domain");
      assertEquals("box.lan.test", c.hostname());
      ProcessContext env =
          ProcessContext.host(
              proc,
              dir.resolve("root"),
              java.util.Map.of("LOCALDOMAIN", "e.test f.test", "RES_OPTIONS", "ndots:3 rotate"));
      ResolvConf e = env.files().conf();
      assertEquals(List.of("e.test", "f.test"), e.search());
      assertEquals(SearchFrom.LOCALDOMAIN, e.searchFrom());
      assertEquals(3, e.ndots());
      assertTrue(e.rotate());
      java.nio.file.Files.delete(proc.resolve("sys/kernel/hostname"));
      assertEquals(SearchFrom.HOSTNAME_UNKNOWN, plain.files().conf().searchFrom());
      assertEquals(null, plain.hostname());
    } finally {
      try (var walk = java.nio.file.Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder())
            .map(java.nio.file.Path::toFile)
            .forEach(java.io.File::delete);
      }
    }
  }

  private static List<String> names(Lookup l) {
    return l.queries().stream().map(ProcessLookup.Query::name).toList();
  }
}
