package dev.stackscope.cli.net;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.net.TcpDiag;
import dev.stackscope.os.Accounts;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ports --unix} on sockets the test makes: Java's Unix-domain channels (listeners in
 * directories of differing permissions, a connection, a full accept queue), and a python3 process
 * for what Java cannot make (an abstract name, a socketpair). {@code ss -xap} is the oracle.
 */
class UnixSocketsLiveTest {
  private static final long SELF = ProcessHandle.current().pid();

  @TempDir Path tmp;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void needsNetlink() {
    assumeTrue(new TcpDiag().enable(), "no sock_diag netlink here (or no JNA): --unix cannot list");
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private ServerSocketChannel listen(Path path, int backlog) throws Exception {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    open.add(s);
    s.bind(UnixDomainSocketAddress.of(path), backlog);
    return s;
  }

  private SocketChannel connect(Path path) throws Exception {
    SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path));
    open.add(c);
    return c;
  }

  private static Path dir(Path parent, String name, String mode) throws Exception {
    Path d = Files.createDirectory(parent.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
    return d;
  }

  private static void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  private static void chown(Path p, int uid, int gid) throws Exception {
    var lookup = p.getFileSystem().getUserPrincipalLookupService();
    // the JDK takes a number that names no account as the id itself
    Files.setOwner(p, lookup.lookupPrincipalByName(Integer.toString(uid)));
    Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class)
        .setGroup(lookup.lookupPrincipalByGroupName(Integer.toString(gid)));
  }

  /** Our own sockets as JSON objects, keyed by path (listeners) or by inode. */
  private static List<JsonNode> mine(String... extra) {
    List<String> args = new ArrayList<>(List.of("ports", "-x", "--json", "--pid", "" + SELF));
    args.addAll(List.of(extra));
    Result r = stackscope(args.toArray(String[]::new));
    assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.toString());
    List<JsonNode> list = new ArrayList<>();
    r.json().forEach(list::add);
    return list;
  }

  private static JsonNode byPath(List<JsonNode> sockets, Path path, String state) {
    for (JsonNode s : sockets) {
      if (path.toString().equals(s.path("path").asText(null))
          && state.equals(s.get("state").asText())) {
        return s;
      }
    }
    throw new AssertionError("no " + state + " socket " + path + " in " + sockets);
  }

  @Test
  void whoCanConnectFollowsTheFileModeAndTheDirectories() throws Exception {
    assumeTrue(Accounts.runningAsRoot(), "not root: the test gives files to other owners");
    chmod(tmp, "rwxr-xr-x"); // @TempDir makes 0700: nobody but root could pass it
    Path base = dir(tmp, "base", "rwxr-xr-x");
    Path open = dir(base, "open", "rwxr-xr-x");
    Path grp = dir(base, "grp", "rwxr-x---");
    chown(grp, 0, 4242);
    Path closed = dir(base, "closed", "rwx------");
    Map<Path, String> expected = new HashMap<>();
    Path any = open.resolve("any.sock");
    listen(any, 5);
    chmod(any, "rw-rw-rw-");
    expected.put(any, "any-user");
    Path group = open.resolve("group.sock");
    listen(group, 5);
    chmod(group, "rw-rw----");
    chown(group, 0, 4343);
    expected.put(group, "group");
    Path owner = open.resolve("owner.sock");
    listen(owner, 5);
    chmod(owner, "rw-------");
    chown(owner, 4444, 4444);
    expected.put(owner, "owner");
    Path narrowed = grp.resolve("any.sock");
    listen(narrowed, 5);
    chmod(narrowed, "rw-rw-rw-");
    expected.put(narrowed, "group");
    Path hidden = closed.resolve("any.sock");
    listen(hidden, 5);
    chmod(hidden, "rw-rw-rw-");
    expected.put(hidden, "root-only");
    Path docker = open.resolve("docker.sock");
    listen(docker, 5);
    chmod(docker, "rw-rw-rw-");
    expected.put(docker, "any-user");
    Path removed = open.resolve("removed.sock");
    listen(removed, 5);
    Files.delete(removed);
    expected.put(removed, "nobody");

    List<JsonNode> sockets = mine();
    for (Map.Entry<Path, String> e : expected.entrySet()) {
      JsonNode s = byPath(sockets, e.getKey(), "listening");
      assertEquals(e.getValue(), s.get("whoCanConnect").asText(), e.getKey() + ": " + s);
      assertEquals("stream", s.get("type").asText());
      assertTrue(
          s.get("owners").findValues("pid").stream().anyMatch(p -> p.asLong() == SELF), "" + s);
    }
    Accounts accounts = Accounts.system();
    assertEquals(
        accounts.groupName(4343), byPath(sockets, group, "listening").get("connectGroup").asText());
    assertEquals(
        accounts.groupName(4242),
        byPath(sockets, narrowed, "listening").get("connectGroup").asText());
    JsonNode ownerFile = byPath(sockets, owner, "listening").get("file");
    assertEquals(4444, ownerFile.get("uid").asInt());
    assertEquals("0600", ownerFile.get("mode").asText());
    assertEquals("0660", byPath(sockets, group, "listening").get("file").get("mode").asText());
    assertTrue(byPath(sockets, docker, "listening").get("rootEquivalent").asBoolean());
    assertFalse(byPath(sockets, any, "listening").get("rootEquivalent").asBoolean());
    assertFalse(byPath(sockets, removed, "listening").get("file").get("present").asBoolean());

    Result text = stackscope("ports", "-x", "--pid", "" + SELF);
    assertEquals(0, text.exitCode(), text.toString());
    String dockerLine =
        text.out().lines().filter(l -> l.contains(docker.toString())).findFirst().orElseThrow();
    assertTrue(dockerLine.endsWith("any user: root-equivalent"), dockerLine);
  }

  @Test
  void connectionsShowTheirPeersAndAFullAcceptQueueIsFlagged() throws Exception {
    Path path = tmp.resolve("app.sock");
    ServerSocketChannel server = listen(path, 1);
    SocketChannel client = connect(path);
    SocketChannel accepted = server.accept();
    open.add(accepted);
    List<JsonNode> all = mine("-a");
    JsonNode served =
        byPath(all, path, "established"); // an accepted socket has its listener's name
    long servedInode = served.get("inode").asLong();
    long clientInode = served.get("peer").get("inode").asLong();
    JsonNode clientSide = null;
    for (JsonNode s : all) {
      if (s.get("inode").asLong() == clientInode) {
        clientSide = s;
      }
    }
    assertNotNull(clientSide, "the client end is ours too: " + all);
    assertTrue(clientSide.get("path").isNull(), "a client is unnamed");
    assertEquals(servedInode, clientSide.get("peer").get("inode").asLong());
    assertEquals(path.toString(), clientSide.get("peer").get("path").asText());
    assertTrue(clientSide.get("whoCanConnect").isNull(), "only for listeners");

    JsonNode listener = byPath(mine(), path, "listening");
    assertEquals(0, listener.get("acceptQueue").asInt());
    assertEquals(1, listener.get("backlog").asInt());
    assertFalse(listener.get("acceptQueueFull").asBoolean());
    connect(path); // never accepted: two waiting on a backlog of one (the kernel allows one over)
    connect(path);
    listener = byPath(mine(), path, "listening");
    assertEquals(2, listener.get("acceptQueue").asInt());
    assertTrue(listener.get("acceptQueueFull").asBoolean());
    Result text = stackscope("ports", "-x", "--pid", "" + SELF);
    assertTrue(
        text.out().lines().anyMatch(l -> l.contains(path.toString()) && l.contains("2/1 FULL")),
        text.out());
  }

  @Test
  void abstractNamesAndSocketpairsFromAnotherProcess() throws Exception {
    assumeTrue(onPath("python3"), "python3 absent: Java makes neither abstract names nor pairs");
    String name = "stackscope-test-" + SELF + "-" + System.nanoTime();
    String script =
        "import socket,sys\n"
            + "a,b=socket.socketpair()\n"
            + "s=socket.socket(socket.AF_UNIX); s.bind('\\0"
            + name
            + "'); s.listen(3)\n"
            + "print('ready', flush=True); sys.stdin.readline()\n";
    Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", r.readLine());
      Result res = stackscope("ports", "-x", "-a", "--json", "--pid", "" + p.pid());
      assertEquals(0, res.exitCode(), res.toString());
      JsonNode abs = null;
      Map<Long, Long> peers = new HashMap<>();
      for (JsonNode s : res.json()) {
        if (("@" + name).equals(s.path("path").asText(null))) {
          abs = s;
        } else if (s.get("path").isNull() && !s.get("peer").isNull()) {
          peers.put(s.get("inode").asLong(), s.get("peer").get("inode").asLong());
        }
      }
      assertNotNull(abs, res.out());
      assertTrue(abs.get("abstractName").asBoolean());
      assertEquals("any-user", abs.get("whoCanConnect").asText(), "no file, no permissions");
      assertTrue(abs.get("file").isNull());
      assertEquals(2, peers.size(), "the pair's two ends: " + res.out());
      for (Map.Entry<Long, Long> e : peers.entrySet()) {
        assertEquals(e.getKey(), peers.get(e.getValue()), "each end's peer is the other");
      }
    } finally {
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** ss -xap, its lines of one process: "inode state name peerInode rq sq". */
  private static Set<String> ss(long pid, boolean listening) throws Exception {
    Result r =
        CliRunner.exec(
            Path.of("."),
            Map.of(),
            Duration.ofSeconds(30),
            List.of("ss", listening ? "-xlpH" : "-xapH"));
    Set<String> set = new HashSet<>();
    for (String line : r.out().split("\n")) {
      if (!line.contains("pid=" + pid + ",")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      String state =
          switch (f[1]) {
            case "LISTEN" -> "listening";
            case "ESTAB" -> "established";
            case "UNCONN" -> "unconnected";
            default -> f[1];
          };
      String name = f[4].equals("*") ? "-" : f[4];
      set.add(f[5] + " " + state + " " + name + " " + f[7] + " " + f[2] + " " + f[3]);
    }
    return set;
  }

  private static Set<String> ours(long pid, boolean listening) {
    Result r =
        listening
            ? stackscope("ports", "-x", "--json", "--pid", "" + pid)
            : stackscope("ports", "-x", "-a", "--json", "--pid", "" + pid);
    Set<String> set = new HashSet<>();
    for (JsonNode s : r.json()) {
      String name = s.get("path").isNull() ? "-" : s.get("path").asText();
      long peer = s.get("peer").isNull() ? 0 : s.get("peer").get("inode").asLong();
      set.add(
          s.get("inode").asText()
              + " "
              + s.get("state").asText()
              + " "
              + name
              + " "
              + peer
              + " "
              + s.get("receiveQueue").asText()
              + " "
              + s.get("sendQueue").asText());
    }
    return set;
  }

  @Test
  void agreesWithSs() throws Exception {
    assumeTrue(onPath("ss"), "ss absent (Debian iproute2): no oracle");
    Path path = tmp.resolve("oracle.sock");
    ServerSocketChannel server = listen(path, 4);
    connect(path);
    open.add(server.accept());
    connect(path); // waiting in the accept queue: 1/4
    for (boolean listening : new boolean[] {true, false}) {
      Set<String> theirs;
      Set<String> ours;
      int attempt = 0;
      do {
        ours = ours(SELF, listening); // the JVM's own sockets may come and go meanwhile
        theirs = ss(SELF, listening);
      } while (!ours.equals(theirs) && ++attempt < 5);
      assertEquals(theirs, ours, listening ? "ss -xlp" : "ss -xap");
      assertTrue(
          ours.stream().anyMatch(s -> s.contains(" listening " + path + " 0 1 4")), "" + ours);
    }
  }

  @Test
  void aLiveViewFramesTheSameListing() throws Exception {
    Path path = tmp.resolve("watched.sock");
    listen(path, 3);
    Result json =
        stackscope("--json", "ports", "-x", "--pid", "" + SELF, "--watch=0.1", "--count", "2");
    assertTrue(json.exitCode() == 0 || json.exitCode() == 3, json.toString());
    List<String> frames = json.lines(); // one compact document a frame (an array: read each alone)
    assertEquals(2, frames.size(), json.out());
    for (String line : frames) {
      JsonNode frame = CliRunner.parseJson(line);
      List<JsonNode> sockets = new ArrayList<>();
      frame.forEach(sockets::add);
      assertEquals(3, byPath(sockets, path, "listening").get("backlog").asInt());
    }
  }

  @Test
  void tcpOptionsWithUnixAreAUsageError() {
    Result r = stackscope("ports", "-x", "--port", "80");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "stackscope: --unix lists Unix sockets: -t, -u, -4, -6 and --port are for TCP/UDP"
            + " (see 'stackscope ports --help')",
        r.err().lines().findFirst().orElseThrow());
    assertEquals("", r.out());
  }

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
