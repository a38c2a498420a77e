package dev.stackscope.cli.ip;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpCommandTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "300.1.1.1          | stackscope: 300.1.1.1: octet 300 is over 255",
        "1.2.3              | stackscope: 1.2.3: incomplete IPv4 address: 3 of 4 octets",
        "::g                | stackscope: ::g: invalid character 'g' in IPv6 address",
        "10.0.0.0/33        | stackscope: 10.0.0.0/33: prefix 33 is over 32",
        "10.0.0.9-10.0.0.1  | stackscope: 10.0.0.9-10.0.0.1: range end 10.0.0.1 is before its start 10.0.0.9",
      })
  void badInputExitsOneWithThePreciseReason(String input, String line) {
    Result r = stackscope("ip", input);
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(line + "\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void detailViewOfAPrivateAddressSaysWhatItMeans() {
    Result r = stackscope("ip", "192.168.1.10");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("verdict  private"), r.out());
    assertTrue(r.out().contains("reached from outside only through NAT"), r.out());
    assertTrue(r.out().contains("192.168.0.0/16  Private-Use"), r.out());
    assertTrue(r.out().contains("globally reachable    no"), r.out());
  }

  @Test
  void cidrShowsTheArithmeticAndContains() {
    Result r = stackscope("ip", "10.1.2.3/22", "--contains", "10.1.3.255", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = r.json().get(0);
    assertEquals("10.1.2.3", json.path("address").asText(), r.out());
    assertEquals("10.1.0.0/22", json.path("network").asText(), r.out());
    assertEquals("private", json.path("verdict").asText(), r.out());
    assertTrue(json.path("contains").asBoolean(false), r.out());
    JsonNode cidr = json.path("cidr");
    assertEquals("10.1.0.0", cidr.path("network").asText(), r.out());
    assertEquals("10.1.3.255", cidr.path("broadcast").asText(), r.out());
    assertEquals("255.255.252.0", cidr.path("netmask").asText(), r.out());
    assertEquals("0.0.3.255", cidr.path("wildcard").asText(), r.out());
    assertEquals("10.1.0.1", cidr.path("firstHost").asText(), r.out());
    assertEquals("10.1.3.254", cidr.path("lastHost").asText(), r.out());
    assertEquals(1022, cidr.path("hostCount").asLong(), r.out());
    assertEquals(22, cidr.path("prefixLength").asInt(), r.out());
    Result outside = stackscope("ip", "10.1.2.3/22", "--contains", "10.1.4.0");
    assertEquals(1, outside.exitCode(), outside.toString());
    assertTrue(outside.out().contains("contains 10.1.4.0  no"), outside.out());
  }

  @Test
  void blockSpanningKindsIsMixedAndListsItsOverlaps() {
    Result r = stackscope("ip", "192.0.0.0/24");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("verdict        mixed"), r.out());
    assertTrue(r.out().contains("192.0.0.9/32"), r.out());
    assertTrue(r.out().contains("Port Control Protocol Anycast (global)"), r.out());
  }

  @Test
  void ipv4MappedLoopbackIsLoopbackNotReserved() {
    Result r = stackscope("ip", "--json", "::ffff:127.0.0.1");
    JsonNode address = r.json().get(0);
    assertEquals("loopback", address.path("verdict").asText(), r.out());
    assertEquals("ipv4-mapped", address.path("embeddedIpv4").path("form").asText(), r.out());
    assertEquals("::ffff:0:0/96", address.path("registry").path("block").asText(), r.out());
  }

  @Test
  void zoneIdIsAccepted() {
    Result r = stackscope("ip", "-b", "fe80::1%eth0");
    assertEquals("fe80::1%eth0\tlink-local\tfe80::/10 Link-Local Unicast\n", r.out());
  }

  @Test
  void fileStreamsOneLinePerInputAndReportsBadLines(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("addrs.txt");
    Files.writeString(f, "# comment\n8.8.8.8\n\n 100.64.1.1 \n300.1.1.1\n2002:c0a8:101::1\n");
    Result r = stackscope("ip", "--file", f.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(
        "8.8.8.8\tglobal\t-\n"
            + "100.64.1.1\tshared\t100.64.0.0/10 Shared Address Space\n"
            + "2002:c0a8:101::1\tprivate\t2002::/16 6to4\tvia 6to4 192.168.1.1\n",
        r.out());
    assertEquals("stackscope: 300.1.1.1: octet 300 is over 255\n", r.err());
  }

  @Test
  void fileAsJsonIsOneArrayWithErrorsInPlace(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("addrs.txt");
    Files.writeString(f, "1.1.1.1\n1.2.3\n");
    Result r = stackscope("ip", "--json", "--file", f.toString());
    assertEquals(1, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertTrue(json.isArray(), r.out());
    assertEquals(2, json.size(), r.out());
    assertEquals("1.1.1.1", json.get(0).path("input").asText());
    assertEquals("global", json.get(0).path("verdict").asText());
    assertTrue(json.get(0).path("error").isNull(), r.out());
    assertEquals("1.2.3", json.get(1).path("input").asText());
    assertEquals("incomplete IPv4 address: 3 of 4 octets", json.get(1).path("error").asText());
  }

  @Test
  void missingFileAndBadContainsAreClear() {
    Result missing = stackscope("ip", "--file", "/nonexistent/addrs");
    assertEquals(2, missing.exitCode());
    assertEquals(
        "stackscope: cannot read --file '/nonexistent/addrs': no such file\n", missing.err());
    Result badContains = stackscope("ip", "10.0.0.0/8", "--contains", "10.0.0");
    assertEquals(2, badContains.exitCode());
    assertTrue(
        badContains
            .err()
            .startsWith("stackscope: --contains 10.0.0: incomplete IPv4 address: 3 of 4 octets"),
        badContains.err());
  }

  @Test
  void untrustedInputIsSanitised(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("addrs.txt");
    Files.writeString(f, "fe80::1%e\u001b[31m\n1.2.3.4\u001b]0;x\n");
    Result r = stackscope("ip", "--file", f.toString());
    assertTrue(!r.out().contains("\u001b") && !r.err().contains("\u001b"), r.toString());
  }

  @Test
  void readsStdinWhenPipedWithNoArguments(@TempDir Path dir) throws Exception {
    Path input = Files.writeString(dir.resolve("input"), "10.0.0.1\n::1\n");
    Result r =
        CliRunner.exec(
            dir,
            java.util.Map.of(),
            java.time.Duration.ofMinutes(1),
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.stackscope.Main",
                "ip"),
            input.toFile());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        "10.0.0.1\tprivate\t10.0.0.0/8 Private-Use\n::1\tloopback\t::1/128 Loopback Address\n",
        r.out());
  }
}
