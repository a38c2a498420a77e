package dev.stackscope.dns.transport;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.dns.ScriptedServer;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * EDNS options and header flags against real servers on loopback: NSID from NSD ({@code nsid:}),
 * server cookies from BIND's named (on by default), ECS echoed by Unbound ({@code
 * send-client-subnet}) from an upstream that honours it; and several --server compared, two NSDs
 * serving different data.
 */
class EdnsRealServersTest {
  private static final String ZONE =
      "$ORIGIN zone.test.\n$TTL 300\n"
          + "@ IN SOA ns.zone.test. admin.zone.test. SERIAL 3600 600 86400 300\n"
          + "@ IN NS ns.zone.test.\nns IN A 127.0.0.1\nwww IN A ADDRESS\nsame IN A 192.0.2.50\n";

  private static LoopbackDaemons daemons;
  private static ScriptedServer ecsUpstream;
  private static int nsd;
  private static int nsdOld;
  private static int named;
  private static int unbound;

  @BeforeAll
  static void start() throws Exception {
    LoopbackDaemons.require("nsd unbound bind9", "nsd", "unbound", "named");
    daemons = new LoopbackDaemons();
    try {
      nsd = LoopbackDaemons.freePort();
      nsdOld = LoopbackDaemons.freePort();
      named = LoopbackDaemons.freePort();
      unbound = LoopbackDaemons.freePort();
      Path dir = daemons.dir();
      daemons.write("zone.test", ZONE.replace("SERIAL", "2").replace("ADDRESS", "192.0.2.7"));
      daemons.write("old.zone.test", ZONE.replace("SERIAL", "1").replace("ADDRESS", "192.0.2.6"));
      nsd("nsd", nsd, "zone.test", "nsid: \"ascii_ns1.zone.test\"\n");
      nsd("nsdold", nsdOld, "old.zone.test", "");
      Path namedConf =
          daemons.write(
              "named.conf",
              "options {\n  directory \""
                  + dir
                  + "\";\n"
                  + "  listen-on port "
                  + named
                  + " { 127.0.0.1; };\n  listen-on-v6 { none; };\n"
                  + "  pid-file \""
                  + dir.resolve("named.pid")
                  + "\";\n"
                  + "  session-keyfile \""
                  + dir.resolve("session.key")
                  + "\";\n"
                  + "  managed-keys-directory \""
                  + dir
                  + "\";\n"
                  + "  recursion no;\n  dnssec-validation no;\n};\ncontrols { };\n"
                  + "zone \"zone.test\" { type primary; file \""
                  + dir.resolve("zone.test")
                  + "\"; };\n");
      daemons.start("named", "named", "-g", "-n", "1", "-c", namedConf.toString());
      ecsUpstream = new ScriptedServer(q -> List.of(echoSubnet(q).toWire()), q -> null);
      Path unboundConf =
          daemons.write(
              "unbound.conf",
              "server:\n  interface: 127.0.0.1@"
                  + unbound
                  + "\n  do-ip6: no\n"
                  + "  access-control: 127.0.0.0/8 allow\n"
                  + "  username: \"\"\n  chroot: \"\"\n  directory: \""
                  + dir
                  + "\"\n"
                  + "  pidfile: \""
                  + dir.resolve("unbound.pid")
                  + "\"\n"
                  + "  use-syslog: no\n  logfile: \"\"\n"
                  + "  module-config: \"subnetcache iterator\"\n"
                  + "  send-client-subnet: 127.0.0.1\n  do-not-query-localhost: no\n"
                  + "  local-zone: \"test.\" nodefault\n"
                  + "stub-zone:\n  name: \"ecs.test\"\n  stub-addr: 127.0.0.1@"
                  + ecsUpstream.address().getPort()
                  + "\n"
                  + "stub-zone:\n  name: \"zone.test\"\n  stub-addr: 127.0.0.1@"
                  + nsd
                  + "\n"
                  + "remote-control:\n  control-enable: no\n");
      daemons.start("unbound", "unbound", "-d", "-c", unboundConf.toString());
      for (int port : new int[] {nsd, nsdOld, named, unbound}) {
        daemons.awaitTcp(port);
      }
    } catch (Exception | AssertionError e) {
      stop();
      throw e;
    }
  }

  private static void nsd(String id, int port, String zoneFile, String extra) throws Exception {
    Path dir = daemons.dir();
    Path conf =
        daemons.write(
            id + ".conf",
            "server:\n  ip-address: 127.0.0.1@"
                + port
                + "\n  do-ip6: no\n  server-count: 1\n"
                + "  username: \"\"\n  chroot: \"\"\n  zonesdir: \""
                + dir
                + "\"\n"
                + "  database: \"\"\n  pidfile: \""
                + dir.resolve(id + ".pid")
                + "\"\n"
                + "  xfrdfile: \""
                + dir.resolve(id + ".xfrd")
                + "\"\n"
                + "  zonelistfile: \""
                + dir.resolve(id + ".zonelist")
                + "\"\n"
                + "  logfile: \""
                + dir.resolve(id + ".log")
                + "\"\n  "
                + extra
                + "remote-control:\n  control-enable: no\n"
                + "zone:\n  name: \"zone.test\"\n  zonefile: \""
                + zoneFile
                + "\"\n");
    daemons.start(id, "nsd", "-d", "-c", conf.toString());
  }

  /** An authority for ecs.test that honours ECS: the subnet back with scope = source. */
  private static Message echoSubnet(Message q) {
    Message r;
    try {
      r =
          ScriptedServer.reply(
              q,
              new ARecord(
                  q.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName("192.0.2.99")));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    OPTRecord opt = q.getOPT();
    if (opt != null) {
      List<EDNSOption> ecs = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
      if (!ecs.isEmpty()) {
        ClientSubnetOption c = (ClientSubnetOption) ecs.get(0);
        r.addRecord(
            new OPTRecord(
                1232,
                0,
                0,
                0,
                new ClientSubnetOption(
                    c.getSourcePrefixLength(), c.getSourcePrefixLength(), c.getAddress())),
            Section.ADDITIONAL);
      } else {
        r.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      }
    }
    return r;
  }

  @AfterAll
  static void stop() {
    if (ecsUpstream != null) {
      ecsUpstream.close();
    }
    if (daemons != null) {
      daemons.close();
    }
  }

  private static JsonNode one(String... args) {
    Result r = stackscope(args);
    assertEquals(0, r.exitCode(), r::toString);
    return r.json().get(0);
  }

  @Test
  void nsidFromNsdIsShown() {
    JsonNode r =
        one("dns", "resolve", "www.zone.test", "A", "-s", "127.0.0.1:" + nsd, "--nsid", "--json");
    assertEquals("ns1.zone.test", r.get("edns").get("nsidText").asText());
    assertEquals("6e73312e7a6f6e652e74657374", r.get("edns").get("nsid").asText());
    Result text =
        stackscope("dns", "resolve", "www.zone.test", "A", "-s", "127.0.0.1:" + nsd, "--nsid");
    assertTrue(text.out().contains("nsid \"ns1.zone.test\""), text.out());
    // not asked, not sent: NSD adds NSID only when the query carries the option
    JsonNode plain =
        one("dns", "resolve", "www.zone.test", "A", "-s", "127.0.0.1:" + nsd, "--json");
    assertTrue(plain.get("edns").get("nsid").isNull(), plain::toString);
  }

  @Test
  void namedReturnsAServerCookieForOurClientCookie() {
    JsonNode r =
        one(
            "dns",
            "resolve",
            "www.zone.test",
            "A",
            "-s",
            "127.0.0.1:" + named,
            "--cookie",
            "0102030405060708",
            "--json");
    JsonNode edns = r.get("edns");
    assertEquals("0102030405060708", edns.get("clientCookie").asText(), "echoed as sent");
    String server = edns.get("serverCookie").asText();
    assertTrue(server.matches("[0-9a-f]{16,64}"), "RFC 7873: 8 to 32 bytes: " + server);
    JsonNode random =
        one(
            "dns",
            "resolve",
            "www.zone.test",
            "A",
            "-s",
            "127.0.0.1:" + named,
            "--cookie",
            "--json");
    assertTrue(random.get("edns").get("clientCookie").asText().matches("[0-9a-f]{16}"));
    assertNotEquals("0102030405060708", random.get("edns").get("clientCookie").asText());
    assertEquals("192.0.2.7", random.get("answer").get(0).get("data").asText());
  }

  @Test
  void unboundEchoesTheClientSubnet() {
    JsonNode r =
        one(
            "dns",
            "resolve",
            "host.ecs.test",
            "A",
            "-s",
            "127.0.0.1:" + unbound,
            "--subnet",
            "198.51.100.0/24",
            "--json");
    assertEquals("192.0.2.99", r.get("answer").get(0).get("data").asText());
    assertEquals("198.51.100.0/24/24", r.get("edns").get("subnet").asText(), r::toString);
  }

  @Test
  void flagsSentAndFlagsThatCameBack() {
    JsonNode noRd =
        one("dns", "resolve", "www.zone.test", "A", "-s", "127.0.0.1:" + nsd, "--no-rd", "--json");
    assertFalse(CliRunner.texts(noRd.get("flags")).contains("rd"), noRd::toString);
    assertTrue(CliRunner.texts(noRd.get("flags")).contains("aa"), "NSD is authoritative");
    JsonNode cd =
        one("dns", "resolve", "www.zone.test", "A", "-s", "127.0.0.1:" + unbound, "--cd", "--json");
    List<String> flags = CliRunner.texts(cd.get("flags"));
    assertTrue(
        flags.contains("cd") && flags.contains("ra") && !flags.contains("aa"), flags::toString);
    JsonNode noEdns =
        one(
            "dns",
            "resolve",
            "www.zone.test",
            "A",
            "-s",
            "127.0.0.1:" + nsd,
            "--no-edns",
            "--json");
    assertTrue(noEdns.get("edns").isNull(), "no OPT asked, none back: " + noEdns);
    JsonNode big =
        one(
            "dns",
            "resolve",
            "www.zone.test",
            "A",
            "-s",
            "127.0.0.1:" + nsd,
            "--bufsize",
            "4096",
            "--json");
    assertTrue(big.get("edns").get("udpSize").asInt() >= 512, big::toString);
  }

  @Test
  void severalServersAreComparedSideBySide() {
    String a = "127.0.0.1:" + nsd;
    String b = "127.0.0.1:" + nsdOld;
    String c = "127.0.0.1:" + named;
    Result r =
        stackscope(
            "dns",
            "resolve",
            "www.zone.test",
            "same.zone.test",
            "A",
            "-s",
            a,
            "-s",
            b,
            "-s",
            c,
            "--json");
    assertEquals(1, r.exitCode(), "they disagree on www: " + r);
    JsonNode www = r.json().get(0);
    assertEquals("www.zone.test.", www.get("name").asText());
    assertFalse(www.get("agree").asBoolean());
    assertEquals(3, www.get("servers").size());
    assertEquals(
        List.of(a, b, c),
        List.of(
            www.get("servers").get(0).get("server").asText(),
            www.get("servers").get(1).get("server").asText(),
            www.get("servers").get(2).get("server").asText()));
    assertFalse(www.get("servers").get(0).get("differs").asBoolean());
    assertTrue(www.get("servers").get(1).get("differs").asBoolean(), "the old data is the odd one");
    assertFalse(www.get("servers").get(2).get("differs").asBoolean());
    assertEquals(
        "192.0.2.6",
        www.get("servers").get(1).get("resolution").get("answer").get(0).get("data").asText());
    JsonNode same = r.json().get(1);
    assertTrue(same.get("agree").asBoolean(), same::toString);
    Result text = stackscope("dns", "resolve", "www.zone.test", "A", "-s", a, "-s", b, "-s", c);
    assertTrue(text.out().contains("servers disagree"), text.out());
    String oddLine = text.lines().stream().filter(l -> l.contains(b)).findFirst().orElseThrow();
    assertTrue(oddLine.startsWith("≠"), oddLine);
    Result agree = stackscope("dns", "resolve", "same.zone.test", "A", "-s", a, "-s", c);
    assertEquals(0, agree.exitCode(), agree::toString);
    assertTrue(agree.out().contains("all 2 servers agree"), agree.out());
  }

  @Test
  void badEdnsOptionsAreUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"--subnet", "300.1.1.0/24"},
            new String[] {"--subnet", "192.0.2.0/33"},
            new String[] {"--cookie=abc"},
            new String[] {"--bufsize", "100"},
            new String[] {"--no-edns", "--nsid"},
            new String[] {"--no-edns", "--dnssec"})) {
      String[] full = new String[args.length + 5];
      full[0] = "dns";
      full[1] = "resolve";
      full[2] = "x.test";
      full[3] = "-s";
      full[4] = "127.0.0.1:" + nsd;
      System.arraycopy(args, 0, full, 5, args.length);
      Result r = stackscope(full);
      assertEquals(2, r.exitCode(), r::toString);
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
