package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.ip.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the readers of container runtimes' outside data (docs/fuzzing.md): the NAT
 * table, a namespace's fib_trie, docker-proxy's and conmon's arguments. Without JAZZER_FUZZ they
 * replay {@code NetnsFuzzTestInputs/}.
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
   * hex. Our own well-formed flags after any others (without "--") are read back.
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
    int port = data.consumeInt(1, 65535);
    argv.add("-host-port");
    argv.add(Integer.toString(port));
    // the flag is read from the first occurrence: only when it is ours
    if (argv.indexOf("-host-port") == argv.size() - 2 && !argv.contains("--host-port")) {
      assertEquals(Integer.toString(port), PublisherArgs.value(argv, "host-port"));
    }
  }
}
