package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.os.Accounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixture /proc tree: tables from resources, fd links made here. */
class ProcSocketSourceTest {
  @TempDir Path proc;

  private void copyTable(String name) throws IOException {
    Files.createDirectories(proc.resolve("net"));
    try (InputStream in = getClass().getResourceAsStream("proc/net/" + name)) {
      Files.copy(in, proc.resolve("net").resolve(name));
    }
  }

  private void process(int pid, String comm, String... links) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
    Files.writeString(proc.resolve(Integer.toString(pid)).resolve("comm"), comm + "\n");
    for (int i = 0; i < links.length; i++) {
      Files.createSymbolicLink(dir.resolve(Integer.toString(i)), Path.of(links[i]));
    }
  }

  @Test
  void findsEveryOwnerOfASharedSocket() throws IOException {
    for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
      copyTable(t);
    }
    process(100, "nginx", "pipe:[9]", "socket:[40001]", "pipe:[7]", "socket:[40001]");
    process(101, "nginx", "socket:[40001]", "anon_inode:[eventfd]");
    process(200, "sshd: root (priv)", "socket:[25817]");
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("300")); // a process whose fd dir is missing

    Accounts accounts = new Accounts(proc.resolve("no-etc"));
    SocketSnapshot snap = new ProcSocketSource(proc, accounts).read(SocketRequest.everything());
    assertEquals(10, snap.sockets().size());
    SocketEntry http =
        snap.sockets().stream().filter(s -> s.inode() == 40001).findFirst().orElseThrow();
    assertEquals(List.of(100, 101), http.owners().stream().map(SocketOwner::pid).toList());
    assertEquals("nginx", http.owners().get(0).process());
    SocketEntry ssh =
        snap.sockets().stream().filter(s -> s.inode() == 25817).findFirst().orElseThrow();
    assertEquals("sshd: root (priv)", ssh.owners().get(0).process());
    assertEquals(1, snap.unreadableProcesses());
    assertEquals(6, snap.hiddenOwners()); // 8 sockets with an inode, 2 of them owned

    PortService service =
        new PortService(new ProcSocketSource(proc, accounts), ServiceNames.bundled());
    PortReport listening = service.ports(PortQuery.listening());
    assertEquals(
        List.of(
            "tcp 22 ssh",
            "tcp 80 http",
            "tcp 5432 postgresql",
            "tcp 8080 http-alt",
            "udp 53 domain"),
        listening.sockets().stream()
            .map(s -> s.protocol() + " " + s.localPort() + " " + s.service())
            .toList());
    Map<Integer, List<SocketEntry>> byPid = service.listeningByPid();
    assertEquals(List.of(100, 101, 200), List.copyOf(byPid.keySet()));
    assertEquals(80, byPid.get(101).get(0).localPort());
  }

  @Test
  void withoutOwnersSkipsTheWalk() throws IOException {
    copyTable("tcp");
    process(100, "nginx", "socket:[40001]");
    SocketSnapshot snap =
        new ProcSocketSource(proc, new Accounts(proc))
            .read(SocketRequest.everything().withOwners(false));
    assertEquals(3, snap.sockets().size()); // missing tables are not problems
    assertEquals(List.of(), snap.problems());
    assertEquals(List.of(), snap.sockets().get(0).owners());
  }

  @Test
  void ownersAreFoundOnlyForTheSocketsThatNeedThem() throws IOException {
    copyTable("tcp"); // a listener on :80 (inode 40001), a connection on it (40002), a time-wait
    process(100, "nginx", "socket:[40001]");
    process(101, "worker", "socket:[40002]");
    Files.createDirectories(proc.resolve("self"));
    ProcSocketSource source = new ProcSocketSource(proc, new Accounts(proc));

    SocketSnapshot listening =
        source.read(SocketRequest.everything(), s -> s.state() == SocketState.LISTENING);
    assertEquals(List.of(100), ownerPids(listening, 40001));
    assertEquals(List.of(), ownerPids(listening, 40002)); // not asked for: not looked up

    SocketSnapshot all = source.read(SocketRequest.everything());
    assertEquals(List.of(100), ownerPids(all, 40001));
    assertEquals(List.of(101), ownerPids(all, 40002));

    // the service asks only for what its query shows, and shows what a full read would
    PortService service = new PortService(source, ServiceNames.bundled());
    PortReport established =
        service.ports(
            new PortQuery(
                false,
                java.util.EnumSet.of(Protocol.TCP),
                true,
                true,
                SocketState.ESTABLISHED,
                null,
                null,
                null));
    assertEquals(1, established.sockets().size());
    assertEquals(
        List.of(101),
        established.sockets().get(0).owners().stream().map(SocketOwner::pid).toList());
    PortReport byPid =
        service.ports(
            new PortQuery(
                true, java.util.EnumSet.of(Protocol.TCP), true, true, null, null, 101, null));
    assertEquals(List.of(40002L), byPid.sockets().stream().map(SocketEntry::inode).toList());
  }

  @Test
  void noWalkWhenNoSocketNeedsOwners() throws IOException {
    copyTable("tcp");
    process(100, "nginx", "socket:[40001]");
    Files.createDirectories(proc.resolve("300")); // unreadable: a walk would count it
    SocketSnapshot snap =
        new ProcSocketSource(proc, new Accounts(proc)).read(SocketRequest.everything(), s -> false);
    assertEquals(0, snap.unreadableProcesses());
    assertEquals(List.of(), ownerPids(snap, 40001));
    assertEquals(
        1,
        new ProcSocketSource(proc, new Accounts(proc))
            .read(SocketRequest.everything())
            .unreadableProcesses());
  }

  private static List<Integer> ownerPids(SocketSnapshot snap, long inode) {
    return snap.sockets().stream()
        .filter(s -> s.inode() == inode)
        .findFirst()
        .orElseThrow()
        .owners()
        .stream()
        .map(SocketOwner::pid)
        .toList();
  }

  @Test
  void theBundledTableIsTheResource() throws IOException {
    // bundled() reads its own jar entry (or classes directory) directly: same table as the
    // class loader's resource
    String text;
    try (InputStream in = ServiceNames.class.getResourceAsStream("services.tsv")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Map<String, String> expected = ServiceNames.parse(text);
    assertEquals(true, expected.size() > 100);
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String[] key = e.getKey().split("/");
      Protocol protocol = key[1].equals("tcp") ? Protocol.TCP : Protocol.UDP;
      assertEquals(e.getValue(), ServiceNames.bundled().name(Integer.parseInt(key[0]), protocol));
    }
  }

  @Test
  void serviceTableParsing() {
    Map<String, String> t =
        ServiceNames.parse(
            "# comment\n\nssh\t22/tcp\n  http 80/TCP # web\nhttp-alt\t80/tcp\nnoport\n"
                + "broken\tnoslash\ndomain\t \t53/udp   extra\n");
    assertEquals(Map.of("22/tcp", "ssh", "80/tcp", "http", "53/udp", "domain"), t);
  }

  @Test
  void socketInodeFromLinkTarget() {
    assertEquals(12345, SocketOwnerScan.socketInode("socket:[12345]"));
    assertEquals(-1, SocketOwnerScan.socketInode("pipe:[12345]"));
    assertEquals(-1, SocketOwnerScan.socketInode("/tmp/socket:[1]"));
    assertEquals(-1, SocketOwnerScan.socketInode("socket:[x]"));
    assertEquals(-1, SocketOwnerScan.socketInode(null));
  }

  @Test
  void serviceOfAConnectionIsItsServerSide() {
    PortService service = new PortService(r -> null, ServiceNames.bundled());
    SocketEntry client =
        new SocketEntry(
            Protocol.TCP,
            4,
            literal("10.0.0.5"),
            50000,
            literal("10.0.0.1"),
            443,
            SocketState.ESTABLISHED,
            List.of(),
            null,
            Reach.PRIVATE,
            0,
            1);
    SocketEntry listener =
        new SocketEntry(
            Protocol.TCP,
            4,
            literal("0.0.0.0"),
            5432,
            null,
            null,
            SocketState.LISTENING,
            List.of(),
            null,
            Reach.ALL_INTERFACES,
            0,
            2);
    SocketEntry server =
        new SocketEntry(
            Protocol.TCP,
            4,
            literal("10.0.0.5"),
            5432,
            literal("10.0.0.9"),
            3306,
            SocketState.ESTABLISHED,
            List.of(),
            null,
            Reach.PRIVATE,
            0,
            3);
    List<SocketEntry> named = service.nameServices(List.of(client, listener, server));
    assertEquals(
        List.of("https", "postgresql", "postgresql"),
        named.stream().map(SocketEntry::service).toList());
  }

  private static java.net.InetAddress literal(String text) {
    return dev.stackscope.ip.AddressParser.parse(text).toInetAddress();
  }
}
