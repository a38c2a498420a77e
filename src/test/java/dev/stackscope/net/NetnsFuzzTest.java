package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stackscope.ip.IpAddress;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the readers of container runtimes' outside data (docs/fuzzing.md): the NAT table
 * (iptables-save's and nft's JSON), a namespace's fib_trie, docker-proxy's and conmon's arguments.
 * Without JAZZER_FUZZ they replay {@code NetnsFuzzTestInputs/}.
 */
class NetnsFuzzTest {
  /**
   * Any text, then one rule of our own: no exception; every rule has a port range within 1–65535
   * and a prefix within its address's bits; our rule is found, matching its own port and address.
   */
  @FuzzTest
  void natRules(FuzzedDataProvider data) {
    int port = data.consumeInt(1, 65535);
    int to = data.consumeInt(1, 65535);
    String text = data.consumeRemainingAsString();
    List<NatRules.Rule> rules =
        NatRules.parse(
            text
                + "\n-A FUZZ -d 127.0.0.1/32 -p tcp -m tcp --dport "
                + port
                + " -j DNAT --to-destination 10.1.2.3:"
                + to
                + "\n");
    for (NatRules.Rule r : rules) {
      assertTrue(r.firstPort() >= 1 && r.lastPort() <= 65535 && r.firstPort() <= r.lastPort());
      assertTrue(r.destination() == null || r.prefix() <= r.destination().bits());
      assertNotNull(r.to());
      assertTrue(r.toPort() == null || (r.toPort() >= 1 && r.toPort() <= 65535));
    }
    if (text.length() < NatRules.MOST_BYTES - 200 && rules.size() < NatRules.MOST_RULES) {
      NatRules.Rule last = rules.get(rules.size() - 1);
      assertEquals("FUZZ", last.chain());
      assertTrue(last.matches("tcp", IpAddress.v4(0x7f000001L), port));
      assertEquals(to, last.targetPort(port));
    }
  }

  /**
   * {@code nft -j list ruleset} JSON: any text gives rules within bounds (ports 1–65535, a prefix
   * within its address's bits, an address to go to) and no exception; a document written by a JSON
   * generator with the fuzzer's chain name, ports, address and text (as a comment and a metainfo
   * field) gives back exactly our rule, matching its own port and address.
   */
  @FuzzTest
  void nftRules(FuzzedDataProvider data) throws IOException {
    String chain = data.consumeString(300);
    int port = data.consumeInt(1, 65535);
    int to = data.consumeInt(1, 65535);
    IpAddress target = IpAddress.v4(data.consumeLong(0, 0xffffffffL));
    String text = data.consumeRemainingAsString();
    bounded(NftRules.parse(text));
    if (text.length() > 60_000) {
      return;
    }
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeArrayFieldStart("nftables");
      g.writeStartObject();
      g.writeObjectFieldStart("metainfo");
      g.writeStringField("note", text);
      g.writeEndObject();
      g.writeEndObject();
      g.writeStartObject();
      g.writeObjectFieldStart("rule");
      g.writeStringField("family", "inet");
      g.writeStringField("chain", chain);
      g.writeStringField("comment", text);
      g.writeArrayFieldStart("expr");
      g.writeRaw(
          "{\"counter\":{\"packets\":0,\"bytes\":0}},"
              + "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"ip\","
              + "\"field\":\"daddr\"}},\"right\":\"127.0.0.1\"}},"
              + "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\","
              + "\"field\":\"dport\"}},\"right\":"
              + port
              + "}},{\"dnat\":{\"family\":\"ip\",\"addr\":\""
              + target
              + "\",\"port\":"
              + to
              + "}}");
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    List<NatRules.Rule> ours = NftRules.parse(w.toString());
    bounded(ours);
    if (chain.isEmpty() || chain.length() > 256) {
      assertEquals(List.of(), ours);
      return;
    }
    assertEquals(1, ours.size(), ours::toString);
    NatRules.Rule r = ours.get(0);
    assertEquals(chain, r.chain());
    assertEquals(target, r.to());
    assertTrue(r.matches("tcp", IpAddress.v4(0x7f000001L), port));
    assertEquals(to, r.targetPort(port));
  }

  private static void bounded(List<NatRules.Rule> rules) {
    assertTrue(rules.size() <= NatRules.MOST_RULES);
    for (NatRules.Rule r : rules) {
      assertTrue(r.firstPort() >= 1 && r.lastPort() <= 65535 && r.firstPort() <= r.lastPort());
      assertTrue(
          r.destination() == null || (r.prefix() >= 0 && r.prefix() <= r.destination().bits()));
      assertNotNull(r.to());
      assertTrue(r.toPort() == null || (r.toPort() >= 1 && r.toPort() <= 65535));
      assertTrue(r.protocol() == null || List.of("tcp", "udp", "sctp").contains(r.protocol()));
    }
  }

  /** Any text, then one leaf of our own: no exception, IPv4 only, ours among them. */
  @FuzzTest
  void fibTrie(FuzzedDataProvider data) {
    long a = data.consumeLong(0, 0xffffffffL);
    String text = data.consumeRemainingAsString();
    IpAddress ours = IpAddress.v4(a);
    var found = FibTrie.localAddresses(text + "\n |-- " + ours + "\n    /32 host LOCAL\n");
    assertTrue(found.size() <= FibTrie.MOST_ADDRESSES);
    for (IpAddress x : found) {
      assertEquals(4, x.version());
    }
    if (text.length() < FibTrie.MOST_BYTES - 100 && found.size() < FibTrie.MOST_ADDRESSES) {
      assertTrue(found.contains(ours), () -> found + " lacks " + ours);
    }
  }

  /**
   * Any arguments: no exception; a forward has valid ports and a known protocol; a conmon's id is
   * hex; slirp4netns's target is a PID or an absolute path, and a PID after our {@code --} is ours.
   * Our own well-formed flags after any others (without "--") are read back.
   */
  @FuzzTest
  void publisherArgs(FuzzedDataProvider data) {
    int n = data.consumeInt(0, 20);
    List<String> argv = new ArrayList<>();
    argv.add("docker-proxy");
    for (int i = 0; i < n; i++) {
      String a = data.consumeString(40);
      argv.add(
          a.equals("--") || a.startsWith("-host-port") || a.startsWith("--host-port") ? "x" : a);
    }
    PublisherArgs.Forward any = PublisherArgs.dockerProxy(argv);
    if (any != null) {
      assertTrue(any.hostPort() >= 1 && any.hostPort() <= 65535);
      assertTrue(List.of("tcp", "udp", "sctp").contains(any.protocol()));
    }
    PublisherArgs.Conmon c = PublisherArgs.conmon(argv);
    assertTrue(c == null || c.id() == null || c.id().matches("[0-9a-fA-F]+"));
    PublisherArgs.Slirp slirp = PublisherArgs.slirp4netns(argv);
    if (slirp != null) {
      assertTrue(
          (slirp.pid() > 0 && slirp.path() == null)
              || (slirp.pid() == 0 && slirp.path().startsWith("/")));
    }
    // joined options (--name=value) never take the next word: the first operand is ours
    int target = data.consumeInt(1, Integer.MAX_VALUE);
    List<String> slirpArgv = new ArrayList<>(List.of("slirp4netns"));
    boolean pathMode = false;
    for (String a : argv.subList(1, argv.size())) {
      if (a.startsWith("--") && a.indexOf('=') > 2 && a.length() <= 4096) {
        slirpArgv.add(a);
        pathMode = a.startsWith("--netns-type=") ? a.equals("--netns-type=path") : pathMode;
      }
    }
    slirpArgv.addAll(List.of(Integer.toString(target), "tap0"));
    assertEquals(
        pathMode ? null : new PublisherArgs.Slirp(target, null),
        PublisherArgs.slirp4netns(slirpArgv));
    int port = data.consumeInt(1, 65535);
    argv.add("-host-port");
    argv.add(Integer.toString(port));
    // the flag is read from the first occurrence: only when it is ours
    if (argv.indexOf("-host-port") == argv.size() - 2 && !argv.contains("--host-port")) {
      assertEquals(Integer.toString(port), PublisherArgs.value(argv, "host-port"));
    }
  }
}
