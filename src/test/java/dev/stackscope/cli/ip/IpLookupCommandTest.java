package dev.stackscope.cli.ip;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ip --reverse}, {@code ip --grep} and {@code ip --here} on the command line. */
class IpLookupCommandTest {
  @TempDir Path tmp;

  @Test
  void reverseNamesAddressesAndZonesBlocks() {
    Result r =
        stackscope(
            "ip", "--reverse", "192.0.2.1", "10.0.0.0/23", "192.0.2.128/26", "2001:db8::/31");
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        "192.0.2.1\t1.2.0.192.in-addr.arpa\n"
            + "10.0.0.0/23\t0.0.10.in-addr.arpa\n"
            + "10.0.0.0/23\t1.0.10.in-addr.arpa\n"
            + "192.0.2.128/26\t2.0.192.in-addr.arpa\n"
            + "192.0.2.128/26\t128/26.2.0.192.in-addr.arpa\t(RFC 2317 sub-zone: delegated by"
            + " CNAMEs in the /24 zone)\n"
            + "2001:db8::/31\t8.b.d.0.1.0.0.2.ip6.arpa\n"
            + "2001:db8::/31\t9.b.d.0.1.0.0.2.ip6.arpa\n",
        r.out());
    JsonNode json = stackscope("ip", "--reverse", "--json", "::1", "192.0.2.64/27").json();
    assertEquals(
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa",
        json.get(0).get("name").asText());
    assertEquals("2.0.192.in-addr.arpa", json.get(1).get("zones").get(0).asText());
    assertEquals("64/27.2.0.192.in-addr.arpa", json.get(1).get("rfc2317").get(0).asText());
    Result bad = stackscope("ip", "--reverse", "10.0.0.0/33");
    assertEquals(1, bad.exitCode(), bad::toString);
    assertEquals("stackscope: 10.0.0.0/33: prefix 33 is over 32\n", bad.err());
  }

  @Test
  void grepFindsClassifiesAndFilters() throws Exception {
    Path log = tmp.resolve("access.log");
    Files.writeString(
        log,
        "10.0.0.5 - - [05/Dec/2026:12:00:01 +0000] \"GET / HTTP/1.1\" 200 xff=203.0.113.7\n"
            + "no address here, only version 1.2.3.4.5\n"
            + "8.8.8.8 via [2001:db8::1]:443 and 127.0.0.1\n");
    Result r = stackscope("ip", "--grep", log.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        "1\t10.0.0.5\tprivate\n1\t203.0.113.7\tdocumentation\n3\t8.8.8.8\tglobal\n"
            + "3\t2001:db8::1\tdocumentation\n3\t127.0.0.1\tloopback\n",
        r.out());
    Result only = stackscope("ip", "--grep", log.toString(), "--only", "global,loopback", "--json");
    JsonNode found = only.json();
    assertEquals(2, found.size(), only::toString);
    assertEquals("8.8.8.8", found.get(0).get("address").asText());
    assertEquals(3, found.get(0).get("line").asInt());
    assertEquals(1, found.get(0).get("column").asInt());
    assertEquals(4, found.get(0).get("version").asInt());
    assertEquals("loopback", found.get(1).get("verdict").asText());
    Result none = stackscope("ip", "--grep", log.toString(), "--only", "multicast");
    assertEquals(1, none.exitCode(), "nothing found is exit 1, as grep");
    assertEquals("", none.out());
  }

  @Test
  void grepRefusesBadInputWithOneLine() throws Exception {
    Result badOnly = stackscope("ip", "--grep", "x.log", "--only", "privat");
    assertEquals(2, badOnly.exitCode(), badOnly::toString);
    assertTrue(
        badOnly.err().startsWith("stackscope: --only privat: not a verdict; one of private,"),
        badOnly::toString);
    Path huge = tmp.resolve("huge.log");
    Files.writeString(huge, "10.0.0.1\n" + "x".repeat((1 << 20) + 5) + "\n");
    Result tooLong = stackscope("ip", "--grep", huge.toString());
    assertEquals(2, tooLong.exitCode(), tooLong::toString);
    assertEquals(
        "stackscope: --grep " + huge + ": line 2 is longer than 1048576 bytes (the limit)\n",
        tooLong.err());
    Result both = stackscope("ip", "--grep", huge.toString(), "--reverse");
    assertEquals(2, both.exitCode(), both::toString);
    assertEquals(1, both.err().lines().count(), both::toString);
    Result onlyAlone = stackscope("ip", "--only", "private", "10.0.0.1");
    assertEquals(2, onlyAlone.exitCode(), onlyAlone::toString);
    Result absent = stackscope("ip", "--grep", tmp.resolve("absent.log").toString());
    assertEquals(2, absent.exitCode(), absent::toString);
    assertTrue(absent.err().contains("no such file"), absent::toString);
  }

  @Test
  void hereOnTheFixtureHost() {
    Result r =
        FixtureHost.runner()
            .run("ip", "--here", "--json", "8.8.8.8", "10.0.1.77", "10.0.1.5", "2001:db8:1::9");
    assertEquals(0, r.exitCode(), r::toString);
    JsonNode viaGateway = r.json().get(0);
    assertEquals("eth0", viaGateway.get("interfaceName").asText());
    assertEquals("10.0.1.1", viaGateway.get("gateway").asText());
    assertEquals("10.0.1.5", viaGateway.get("source").asText());
    assertEquals("0.0.0.0/0", viaGateway.get("route").asText());
    JsonNode onLink = r.json().get(1);
    assertTrue(onLink.get("onLink").asBoolean(), r::toString);
    assertEquals("10.0.1.0/24", onLink.get("route").asText());
    JsonNode own = r.json().get(2);
    assertTrue(own.get("own").asBoolean(), r::toString);
    assertEquals("lo", own.get("interfaceName").asText());
    assertEquals("eth0", own.get("holder").asText());
    JsonNode v6 = r.json().get(3);
    assertEquals("2001:db8:1::5", v6.get("source").asText(), r::toString);
    Result text = FixtureHost.runner().run("ip", "--here", "8.8.8.8");
    assertTrue(text.out().contains("delivery   via gateway 10.0.1.1"), text::toString);
    Result bad = FixtureHost.runner().run("ip", "--here", "10.0.1.0/24");
    assertEquals(1, bad.exitCode(), bad::toString);
    assertTrue(bad.err().startsWith("stackscope: 10.0.1.0/24: "), bad::toString);
  }
}
