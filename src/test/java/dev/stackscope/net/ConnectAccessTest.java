package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.net.ConnectAccess.Mode;
import dev.stackscope.net.ConnectAccess.Who;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectAccessTest {
  private static final Mode ROOT_DIR = new Mode(0, 0, 0755);

  private static ConnectAccess decide(Mode socket, Mode... dirs) {
    return ConnectAccess.decide(socket, List.of(dirs), socket.uid(), "app.sock");
  }

  @Test
  void worldWritableInSearchableDirectoriesIsAnyUser() {
    ConnectAccess a = decide(new Mode(1000, 1000, 0666), ROOT_DIR, new Mode(0, 0, 0755));
    assertEquals(Who.ANY_USER, a.who());
    assertNull(a.gid());
    assertFalse(a.rootEquivalent(), "not a root daemon's API");
  }

  @Test
  void groupWritableIsTheGroup() {
    ConnectAccess a = decide(new Mode(0, 999, 0660), ROOT_DIR, new Mode(0, 0, 0755));
    assertEquals(Who.GROUP, a.who());
    assertEquals(999, a.gid());
  }

  @Test
  void aDirectoryClosedToOthersNarrowsAWorldWritableSocketToItsGroup() {
    // postgres' habit: 0777 socket in a 2775 directory is everyone; in 0750 postgres:ssl-cert not
    ConnectAccess a = decide(new Mode(100, 100, 0777), ROOT_DIR, new Mode(100, 4242, 0750));
    assertEquals(Who.GROUP, a.who());
    assertEquals(4242, a.gid(), "the directory's group passes it and the socket lets others write");
  }

  @Test
  void ownerOnlyAndRootOnly() {
    assertEquals(Who.OWNER, decide(new Mode(1000, 1000, 0600), ROOT_DIR).who());
    assertEquals(Who.ROOT_ONLY, decide(new Mode(0, 0, 0600), ROOT_DIR).who());
    // world-writable, but a directory nobody but its owner (root) may search
    assertEquals(
        Who.ROOT_ONLY, decide(new Mode(1000, 1000, 0666), ROOT_DIR, new Mode(0, 0, 0700)).who());
    // the owner's own 0700 directory: the owner passes, others do not
    assertEquals(
        Who.OWNER, decide(new Mode(1000, 1000, 0666), ROOT_DIR, new Mode(1000, 1000, 0700)).who());
  }

  @Test
  void theKernelChecksOnlyTheFirstClassThatApplies() {
    // others may search, but the group's bits say no: a member is refused, others pass
    ConnectAccess a = decide(new Mode(0, 50, 0666), ROOT_DIR, new Mode(0, 50, 0705));
    assertEquals(Who.ANY_USER, a.who(), "the widest class that can connect");
    ConnectAccess groupOnly = decide(new Mode(0, 50, 0660), ROOT_DIR, new Mode(0, 50, 0705));
    assertEquals(Who.ROOT_ONLY, groupOnly.who(), "members meet the directory's group bits: no x");
  }

  @Test
  void aWorldWritableDockerSocketIsRootEquivalent() {
    Mode sock = new Mode(0, 0, 0666);
    ConnectAccess a = ConnectAccess.decide(sock, List.of(ROOT_DIR, ROOT_DIR), 0, "docker.sock");
    assertEquals(Who.ANY_USER, a.who());
    assertTrue(a.rootEquivalent());
    ConnectAccess group =
        ConnectAccess.decide(new Mode(0, 998, 0660), List.of(ROOT_DIR), 0, "docker.sock");
    assertEquals(Who.GROUP, group.who());
    assertTrue(group.rootEquivalent(), "the docker group is root");
    assertFalse(
        ConnectAccess.decide(new Mode(0, 0, 0600), List.of(ROOT_DIR), 0, "docker.sock")
            .rootEquivalent(),
        "root only: nobody gains anything");
    assertFalse(
        ConnectAccess.decide(sock, List.of(ROOT_DIR), 1000, "docker.sock").rootEquivalent(),
        "a rootless daemon's socket grants its user's rights only");
  }
}
