package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SCOPE (who can reach a socket) is decided from ip's verdict, in ip's vocabulary. */
class ReachTest {
  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, unspecified, all interfaces",
    "::, unspecified, all interfaces",
    "127.0.0.1, loopback, loopback only",
    "127.255.0.9, loopback, loopback only",
    "::1, loopback, loopback only",
    "10.1.2.3, private, private network",
    "172.16.0.1, private, private network",
    "172.31.255.255, private, private network",
    "172.32.0.1, global, public",
    "172.15.0.1, global, public",
    "192.168.0.1, private, private network",
    "100.64.0.1, shared, private network",
    "100.127.255.254, shared, private network",
    "100.128.0.1, global, public",
    "169.254.10.1, link-local, link-local",
    "fe80::1, link-local, link-local",
    "febf::1, link-local, link-local",
    "fec0::1, reserved, private network",
    "fc00::1, private, private network",
    "fd12:3456::1, private, private network",
    "224.0.0.251, multicast, public",
    "ff02::1, multicast, public",
    "8.8.8.8, global, public",
    "2001:db8::1, documentation, private network",
    "3fff::1, documentation, private network",
    "192.0.2.2, documentation, private network",
    "198.51.100.7, documentation, private network",
    "203.0.113.255, documentation, private network",
    "::ffff:192.0.2.1, documentation, private network",
    "198.18.0.1, benchmarking, private network",
    "198.19.255.255, benchmarking, private network",
    "198.20.0.1, global, public",
    "2001:2::1, benchmarking, private network",
    "240.0.0.1, reserved, private network",
    "255.255.255.255, reserved, private network",
    "0.1.2.3, reserved, private network",
    "192.0.0.1, reserved, private network",
    "192.0.0.9, global, public",
    "2606:4700::1111, global, public",
    "4000::1, reserved, private network",
    "::ffff:127.0.0.1, loopback, loopback only",
    "::ffff:10.0.0.1, private, private network",
    "::ffff:0.0.0.0, unspecified, all interfaces",
  })
  void reachFollowsTheVerdict(String address, String verdict, String reach) {
    IpAddress a = AddressParser.parse(address);
    assertEquals(verdict, AddressClassifier.standard().verdict(a).toString());
    assertEquals(verdict, AddressClassifier.standard().classify(a).verdict().toString());
    assertEquals(reach, Reach.of(AddressClassifier.standard().verdict(a)).toString());
    assertEquals(reach, Reach.of(a.toInetAddress()).toString());
  }
}
