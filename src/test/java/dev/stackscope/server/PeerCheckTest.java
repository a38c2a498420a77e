package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerCheckTest {
  private static final String STATUS =
      """
      Name:\tbash
      Umask:\t0022
      State:\tS (sleeping)
      Pid:\t4242
      Uid:\t0\t0\t0\t0
      Gid:\t0\t0\t0\t0
      Groups:\t0 27
      NoNewPrivs:\t0
      Seccomp:\t0
      Seccomp_filters:\t0
      CapInh:\t0000000000000000
      CapPrm:\t000001ffffffffff
      CapEff:\t000001ffffffffff
      CapBnd:\t000001ffffffffff
      CapAmb:\t0000000000000000
      VmRSS:\t4000 kB
      """;

  @Test
  void readsEveryCredentialAndNothingElse() {
    Map<String, String> c = PeerCheck.credentials(STATUS);
    assertEquals(PeerCheck.CREDENTIALS.size(), c.size(), c.toString());
    assertEquals("0\t0\t0\t0", c.get("Uid"));
    assertEquals("0 27", c.get("Groups"));
    assertEquals("000001ffffffffff", c.get("CapBnd"));
  }

  @Test
  void namesEveryCredentialThatDiffers() {
    Map<String, String> own = PeerCheck.credentials(STATUS);
    assertEquals(List.of(), PeerCheck.differences(own, PeerCheck.credentials(STATUS)));
    // setpriv --bounding-set -kill: CAP_KILL (bit 5) gone from the bounding set and so from the
    // permitted and effective sets
    String noKill = STATUS.replace("ffffffffff", "ffffffffdf");
    assertEquals(
        List.of("CapPrm", "CapEff", "CapBnd"),
        PeerCheck.differences(own, PeerCheck.credentials(noKill)));
    String nnp = STATUS.replace("NoNewPrivs:\t0", "NoNewPrivs:\t1");
    assertEquals(List.of("NoNewPrivs"), PeerCheck.differences(own, PeerCheck.credentials(nnp)));
    String group = STATUS.replace("Groups:\t0 27", "Groups:\t0");
    assertEquals(List.of("Groups"), PeerCheck.differences(own, PeerCheck.credentials(group)));
    String seccomp = STATUS.replace("Seccomp:\t0", "Seccomp:\t2");
    assertEquals(List.of("Seccomp"), PeerCheck.differences(own, PeerCheck.credentials(seccomp)));
    String older = STATUS.replace("Seccomp_filters:\t0\n", ""); // a kernel without the line
    assertEquals(
        List.of("Seccomp_filters"), PeerCheck.differences(own, PeerCheck.credentials(older)));
  }

  private static final String MOUNTS =
      """
      22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
      23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
      24 22 0:22 / /tmp rw,nosuid,nodev shared:13 - tmpfs tmpfs rw,size=1024k
      """;

  @Test
  void aCopiedMountNamespaceHasTheSameTableAndABindMountAnother() {
    // unshare -m: new mount ids, in another order, private propagation (no shared:N), the same
    // mounts; a mount hidden under another at the same place may be left out
    String copied =
        """
        501 480 8:1 / / rw,relatime - ext4 /dev/sda1 rw
        503 501 0:22 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw,size=1024k
        502 501 0:21 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
        """;
    String overmounted =
        """
        20 22 0:30 / /proc rw - proc proc rw
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        23 20 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
        24 22 0:22 / /tmp rw,nosuid,nodev shared:13 - tmpfs tmpfs rw,size=1024k
        """;
    assertEquals(PeerCheck.mountTable(copied), PeerCheck.mountTable(overmounted));
    assertEquals(PeerCheck.mountTable(MOUNTS), PeerCheck.mountTable(copied));
    // then mount --bind /tmp/hosts /etc/hosts
    String bound =
        copied + "504 501 0:22 /hosts /etc/hosts rw,nosuid,nodev - tmpfs tmpfs rw,size=1024k\n";
    assertNotEquals(PeerCheck.mountTable(MOUNTS), PeerCheck.mountTable(bound));
    String readOnly = copied.replace("/tmp rw,", "/tmp ro,");
    assertNotEquals(PeerCheck.mountTable(MOUNTS), PeerCheck.mountTable(readOnly));
  }

  @Test
  void aProcessWithTheServersCredentialsAndMountsIsServedAndAnotherIsNot(@TempDir Path proc)
      throws IOException {
    Path self = Files.createDirectories(proc.resolve("self/ns")).getParent();
    Files.writeString(self.resolve("status"), STATUS);
    Files.writeString(self.resolve("mountinfo"), MOUNTS);
    Files.createSymbolicLink(self.resolve("ns/mnt"), Path.of("mnt:[4026531841]"));
    PeerCheck check = new PeerCheck(proc);

    Path same = Files.createDirectories(proc.resolve("100/ns")).getParent();
    Files.writeString(same.resolve("status"), STATUS.replace("Pid:\t4242", "Pid:\t100"));
    Files.createSymbolicLink(same.resolve("ns/mnt"), Path.of("mnt:[4026531841]"));
    assertEquals(Optional.empty(), check.declineReason(100));

    Path dropped = Files.createDirectories(proc.resolve("101/ns")).getParent();
    Files.writeString(
        dropped.resolve("status"),
        STATUS.replace("CapEff:\t000001ffffffffff", "CapEff:\t0000000000000000"));
    Files.createSymbolicLink(dropped.resolve("ns/mnt"), Path.of("mnt:[4026531841]"));
    assertEquals(
        Optional.of("the caller's credentials differ from the server's (CapEff)"),
        check.declineReason(101));

    Path unshared = Files.createDirectories(proc.resolve("102/ns")).getParent();
    Files.writeString(unshared.resolve("status"), STATUS);
    Files.createSymbolicLink(unshared.resolve("ns/mnt"), Path.of("mnt:[4026532999]"));
    Files.writeString(
        unshared.resolve("mountinfo"),
        MOUNTS + "99 22 0:22 /hosts /etc/hosts rw - tmpfs tmpfs rw\n");
    assertEquals(
        Optional.of("the caller sees other mounts than the server (another mount namespace)"),
        check.declineReason(102));
    Files.writeString(unshared.resolve("mountinfo"), MOUNTS);
    assertEquals(Optional.empty(), check.declineReason(102), "another namespace, the same mounts");

    Optional<String> gone = check.declineReason(103);
    assertTrue(gone.isPresent() && gone.get().startsWith("cannot read"), gone.toString());
  }

  @Test
  void socketOptionNumbersFollowTheArchitecture() {
    assertEquals(List.of(1, 17, 77), List.of(box(PeerCheck.socketOptions("amd64"))));
    assertEquals(List.of(1, 17, 77), List.of(box(PeerCheck.socketOptions("aarch64"))));
    assertEquals(List.of(1, 21, 77), List.of(box(PeerCheck.socketOptions("ppc64le"))));
    assertEquals(List.of(0xffff, 18, -1), List.of(box(PeerCheck.socketOptions("mips64el"))));
    assertEquals(List.of(0xffff, 0x40, -1), List.of(box(PeerCheck.socketOptions("sparcv9"))));
    assertEquals(null, PeerCheck.socketOptions("alpha"), "unknown: nobody is served");
  }

  private static Integer[] box(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }

  @Test
  void startTimesAndUptimeInTicks() {
    String stat =
        "4242 (a) b) (c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 98765 "
            + "1000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
    assertEquals(98765, PeerCheck.startTime(stat));
    assertEquals(1234567, PeerCheck.uptimeTicks("12345.67 23456.78\n"));
  }

  /**
   * A PID read from SO_PEERCRED may have been reused by the time /proc is read: a process that
   * started after the connection is not the caller, whatever its credentials.
   */
  @Test
  void aProcessStartedAfterTheConnectionIsNotTheCaller(@TempDir Path proc) throws IOException {
    Path self = Files.createDirectories(proc.resolve("self/ns")).getParent();
    Files.writeString(self.resolve("status"), STATUS);
    Files.writeString(self.resolve("mountinfo"), MOUNTS);
    Files.createSymbolicLink(self.resolve("ns/mnt"), Path.of("mnt:[4026531841]"));
    PeerCheck check = new PeerCheck(proc);
    Path p = Files.createDirectories(proc.resolve("100/ns")).getParent();
    Files.writeString(p.resolve("status"), STATUS);
    Files.createSymbolicLink(p.resolve("ns/mnt"), Path.of("mnt:[4026531841]"));
    Files.writeString(
        p.resolve("stat"), "100 (sh) S 1 100 100 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5000 0 0\n");
    assertEquals(Optional.empty(), check.declineReason(new PeerCheck.Peer(100, -1, 5000)));
    assertEquals(
        Optional.of("the caller's PID belongs to a process started after it connected"),
        check.declineReason(new PeerCheck.Peer(100, -1, 4999)));
  }

  /**
   * This JVM connects to itself: the peer is this process, pinned by a pidfd where there is one.
   */
  @Test
  void theRealPeerIsThisProcess(@TempDir Path tmp) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc");
    PeerCheck check = new PeerCheck(Path.of("/proc"));
    java.net.UnixDomainSocketAddress address =
        java.net.UnixDomainSocketAddress.of(tmp.resolve("peer.sock"));
    try (java.nio.channels.ServerSocketChannel server =
            java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        java.nio.channels.SocketChannel client =
            java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(address);
      client.connect(address);
      try (java.nio.channels.SocketChannel accepted = server.accept();
          PeerCheck.Peer peer = check.peer(accepted)) {
        assertEquals(ProcessHandle.current().pid(), peer.pid());
        String[] release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).split("[.-]");
        int major = Integer.parseInt(release[0]);
        if (major > 6 || major == 6 && Integer.parseInt(release[1]) >= 5) {
          assertTrue(peer.pidfd() >= 0, "SO_PEERPIDFD since Linux 6.5");
          assertTrue(
              Files.readString(Path.of("/proc/self/fdinfo/" + peer.pidfd()))
                  .contains("Pid:\t" + peer.pid()),
              "a pidfd of this process");
        }
        assertEquals(Optional.empty(), check.declineReason(peer));
      }
    }
  }
}
