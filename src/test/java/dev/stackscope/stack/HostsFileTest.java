package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostsFileTest {
  private static HostsFile fixture() throws Exception {
    try (var in = HostsFileTest.class.getResourceAsStream("hosts.txt")) {
      return HostsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static List<String> texts(List<InetAddress> addresses) {
    return addresses.stream().map(Explainer::text).toList();
  }

  @Test
  void aNameOnSeveralLinesGetsEveryAddressInFileOrder() throws Exception {
    assertEquals(List.of("127.0.0.1", "::1"), texts(fixture().lookup("localhost")));
    assertEquals(List.of("10.0.0.5", "10.0.0.6"), texts(fixture().lookup("db")));
  }

  @Test
  void aliasesCaseAndTrailingDotsMatch() throws Exception {
    HostsFile h = fixture();
    assertEquals(List.of("127.0.1.1"), texts(h.lookup("build-box")));
    assertEquals(List.of("127.0.1.1"), texts(h.lookup("Build-Box.Example.Internal.")));
    assertEquals(List.of("10.0.0.5"), texts(h.lookup("db.internal")));
    assertEquals(List.of("::1"), texts(h.lookup("ip6-loopback")));
  }

  @Test
  void commentsBadAddressesAndNamelessLinesAreSkipped() throws Exception {
    HostsFile h = fixture();
    assertEquals(List.of(), h.lookup("broken.example"));
    assertEquals(List.of(), h.lookup("comment"));
    assertEquals(List.of(), h.lookup("10.0.0.7"));
    assertEquals(List.of("fe80::1"), texts(h.lookup("router-ll")));
  }

  /**
   * Addresses are read by ip's parser: no name lookup, no inet_aton shorthand (1.2.3 is not
   * 1.2.0.3).
   */
  @Test
  void onlyStrictLiteralsAreAddresses() throws Exception {
    HostsFile h = fixture();
    assertEquals(List.of(), h.lookup("short-v4"));
    assertEquals(List.of(), h.lookup("out-of-range"));
  }
}
