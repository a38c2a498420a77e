package dev.stackscope.cli.ip;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ip --aggregate/--exclude/--intersect/--split/--enumerate/--overlaps}. */
class IpSetCommandTest {
  @TempDir Path tmp;

  @Test
  void aggregateKeepsFamiliesApartAndMergesAdjacentBlocks() throws Exception {
    Path f = tmp.resolve("nets.txt");
    Files.writeString(
        f,
        "# a list\n10.0.1.0/24\n10.0.0.0/24\n10.0.2.1\n10.0.2.0\n2001:db8:8000::/33\n2001:db8::/33\n");
    Result r = stackscope("ip", "--aggregate", "--file", f.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("10.0.0.0/23\n10.0.2.0/31\n2001:db8::/32\n", r.out());
    Result json = stackscope("ip", "--aggregate", "--json", "10.0.0.0-10.0.0.2");
    JsonNode first = json.json().get(0);
    assertEquals("10.0.0.0/31", first.get("cidr").asText());
    assertEquals("10.0.0.1", first.get("last").asText());
    assertEquals(2, first.get("size").asInt());
    assertEquals("10.0.0.2/32", json.json().get(1).get("cidr").asText());
  }

  @Test
  void excludeCutsHolesAndIntersectKeepsTheCommonPart() {
    Result r =
        stackscope(
            "ip", "--exclude", "172.17.0.0/16", "--exclude", "172.31.255.255", "172.16.0.0/12");
    assertEquals(
        "172.16.0.0/16\n172.18.0.0/15\n172.20.0.0/14\n172.24.0.0/14\n172.28.0.0/15\n"
            + "172.30.0.0/16\n172.31.0.0/17\n172.31.128.0/18\n172.31.192.0/19\n172.31.224.0/20\n"
            + "172.31.240.0/21\n172.31.248.0/22\n172.31.252.0/23\n172.31.254.0/24\n"
            + "172.31.255.0/25\n172.31.255.128/26\n172.31.255.192/27\n172.31.255.224/28\n"
            + "172.31.255.240/29\n172.31.255.248/30\n172.31.255.252/31\n172.31.255.254/32\n",
        r.out());
    Result i =
        stackscope("ip", "--intersect", "10.0.0.0/8", "10.1.0.0-10.1.0.255", "10.1.0.128/25");
    assertEquals("10.1.0.128/25\n", i.out());
    Result none = stackscope("ip", "--intersect", "10.0.0.0/8", "192.168.0.0/16");
    assertEquals(0, none.exitCode());
    assertEquals("", none.out());
  }

  @Test
  void overlapsReportsDockerInsideAVpnRoute() {
    Result r =
        stackscope(
            "ip",
            "--overlaps",
            "--json",
            "172.16.0.0/12",
            "10.0.0.0/8",
            "172.17.0.0/16",
            "fd00::/8");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode pairs = r.json();
    assertEquals(1, pairs.size(), r.out());
    assertEquals("172.16.0.0/12", pairs.get(0).get("first").asText());
    assertEquals("172.17.0.0/16", pairs.get(0).get("second").asText());
    assertEquals("172.17.0.0/16", pairs.get(0).get("shared").get(0).asText());
  }

  @Test
  void splitAndEnumerate() {
    assertEquals(
        "10.0.0.0/10\n10.64.0.0/10\n10.128.0.0/10\n10.192.0.0/10\n",
        stackscope("ip", "--split", "4", "10.0.0.0/8").out());
    assertEquals(
        "2001:db8::/34\n2001:db8:4000::/34\n",
        stackscope("ip", "--split", "/34", "2001:db8::/33").out());
    assertEquals(
        "192.0.2.254\n192.0.2.255\n198.51.100.0\n",
        stackscope("ip", "--enumerate", "198.51.100.0", "192.0.2.254/31").out());
  }

  @Test
  void badSetInputIsAOneLineUsageError() {
    Result split = stackscope("ip", "--split", "/33", "10.0.0.0/8");
    assertEquals(2, split.exitCode(), split.toString());
    assertEquals(
        "stackscope: --split /33: /33 does not split 10.0.0.0/8 (IPv4 prefixes end at /32)\n",
        split.err());
    Result over = stackscope("ip", "--enumerate", "10.0.0.0/8");
    assertEquals(2, over.exitCode(), over.toString());
    assertEquals(
        "stackscope: --enumerate: 16,777,216 addresses, more than the limit of 65,536\n",
        over.err());
    assertEquals("", over.out());
    assertEquals(0, stackscope("ip", "--enumerate", "--limit", "256", "10.0.0.0/24").exitCode());
    Result parts = stackscope("ip", "--split", "3", "10.0.0.0/8");
    assertEquals(2, parts.exitCode());
    assertTrue(parts.err().contains("power of two"), parts.err());
    Result invalid = stackscope("ip", "--aggregate", "10.0.0.0/8", "10.0.0.300");
    assertEquals(1, invalid.exitCode());
    assertEquals("", invalid.out(), "no partial result");
    assertTrue(invalid.err().contains("10.0.0.300: octet 300 is over 255"), invalid.err());
  }
}
