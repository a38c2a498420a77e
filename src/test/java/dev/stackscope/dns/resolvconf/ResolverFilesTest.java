package dev.stackscope.dns.resolvconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** resolv.conf, hosts and nsswitch.conf as glibc reads them, and its search order. */
class ResolverFilesTest {
  @Test
  void resolvConfKeepsGlibcsLimitsAndTheLastSearchLine() {
    ResolvConf c =
        ResolvConf.parse(
            "# comment\n; also\nnameserver 10.0.0.1\nnameserver ::1\nnameserver bogus\n"
                + "nameserver 10.0.0.2\nnameserver 10.0.0.3\ndomain old.test\n"
                + "search Default.svc.cluster.local svc.cluster.local\n"
                + "options ndots:99 timeout:0 attempts:9 rotate edns0\n");
    assertEquals(List.of("10.0.0.1", "::1", "10.0.0.2"), c.nameservers(), "MAXNS 3, bogus skipped");
    assertEquals(List.of("default.svc.cluster.local", "svc.cluster.local"), c.search());
    assertEquals(15, c.ndots());
    assertEquals(1, c.timeoutSeconds());
    assertEquals(5, c.attempts());
    assertTrue(c.rotate() && c.edns0());
    ResolvConf empty = ResolvConf.parse("");
    assertEquals(List.of("127.0.0.1"), empty.nameservers());
    assertEquals(1, empty.ndots());
    assertEquals(5, empty.timeoutSeconds());
    assertEquals(2, empty.attempts());
    assertEquals(
        List.of("only.test"), ResolvConf.parse("search a.test\ndomain only.test\n").search());
  }

  @Test
  void searchOrderFollowsNdots() {
    ResolvConf pod =
        ResolvConf.parse("search ns.svc.cluster.local svc.cluster.local\noptions ndots:5\n");
    assertEquals(
        List.of(
            "api.example.com.ns.svc.cluster.local.",
            "api.example.com.svc.cluster.local.",
            "api.example.com."),
        SearchPlan.candidates("api.example.com", pod));
    ResolvConf host = ResolvConf.parse("search corp.test\n");
    assertEquals(
        List.of("www.example.com.", "www.example.com.corp.test."),
        SearchPlan.candidates("www.example.com", host));
    assertEquals(
        List.of("intranet.corp.test.", "intranet."), SearchPlan.candidates("intranet", host));
    assertEquals(List.of("abs.example."), SearchPlan.candidates("abs.example.", pod));
  }

  @Test
  void hostsAndNsswitch() {
    HostsFile h =
        HostsFile.parse(
            "127.0.0.1 localhost\n192.0.2.7 Web.Test web # comment\n::1 localhost\nbad line\n");
    assertEquals(List.of("127.0.0.1", "::1"), h.lookup("LOCALHOST"));
    assertEquals(List.of("192.0.2.7"), h.lookup("web.test."));
    assertTrue(h.lookup("comment").isEmpty());
    assertEquals(
        List.of("files", "mdns4_minimal", "dns"),
        NssHosts.parse("passwd: files\nhosts:  files mdns4_minimal [NOTFOUND=return] dns # x\n"));
    assertEquals(NssHosts.defaults(), NssHosts.parse("passwd: files\n"));
    assertFalse(NssHosts.defaults().isEmpty());
  }

  /** Fuzzing finding: a zone of carriage returns was kept and printed with the nameserver. */
  @Test
  void aNameserverZoneThatNamesNoInterfaceIsDropped() {
    ResolvConf c = ResolvConf.parse("nameserver fe80::1%\r\r\rtest\nnameserver fe80::2%eth0\n");
    assertEquals(List.of("fe80::1", "fe80::2%eth0"), c.nameservers());
  }

  /** Fuzzing finding: a stray bracket of an action item was kept as a source name. */
  @Test
  void aBrokenActionItemIsNoSource() {
    assertEquals(
        List.of("files", "dns", "myhostname"),
        NssHosts.parse("hosts: files mdns4_minimaFOUND=return] dns myhostname\n"));
    assertEquals(List.of("files", "dns"), NssHosts.parse("hosts: files [NOTFOUND=return dns\n"));
  }
}
