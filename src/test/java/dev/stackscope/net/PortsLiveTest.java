package dev.stackscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.host.Host;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback, found on the live system; ss as an oracle when present. */
class PortsLiveTest {
  private static final int SELF = (int) ProcessHandle.current().pid();

  private static SocketEntry find(PortReport r, Protocol p, int port) {
    return r.sockets().stream()
        .filter(s -> s.protocol() == p && s.localPort() == port)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + p + " socket on port " + port));
  }

  private static boolean ownedBySelf(SocketEntry s) {
    return s.owners().stream().anyMatch(o -> o.pid() == SELF);
  }

  @Test
  void findsOwnSocketsWithStateAndScope() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "/proc/net/tcp absent: not Linux");
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    try (ServerSocket listener = new ServerSocket(0, 5, v4);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(v4, 0));
        ServerSocket v6 = new ServerSocket(0, 5, InetAddress.getByName("::1"));
        Socket client = new Socket(v4, listener.getLocalPort());
        Socket accepted = listener.accept()) {
      PortService service = Host.live().ports();
      PortReport all = service.ports(PortQuery.everything());

      SocketEntry l = find(all, Protocol.TCP, listener.getLocalPort());
      assertEquals(SocketState.LISTENING, l.state());
      assertEquals(Reach.LOOPBACK, l.scope());
      assertTrue(ownedBySelf(l), "listener owned by this JVM: " + l.owners());

      SocketEntry u = find(all, Protocol.UDP, udp.getLocalPort());
      assertEquals(SocketState.UNCONNECTED, u.state());
      assertTrue(ownedBySelf(u));

      SocketEntry six = find(all, Protocol.TCP, v6.getLocalPort());
      assertEquals(6, six.ipVersion());
      assertEquals("::1", dev.stackscope.ip.IpAddress.text(six.localAddress()));
      assertEquals(Reach.LOOPBACK, six.scope());
      assertTrue(ownedBySelf(six));

      SocketEntry c = find(all, Protocol.TCP, client.getLocalPort());
      assertEquals(SocketState.ESTABLISHED, c.state());
      assertEquals(listener.getLocalPort(), c.remotePort());
      assertTrue(ownedBySelf(c));

      PortReport listening = service.ports(PortQuery.listening());
      Set<Integer> ports = new HashSet<>();
      listening.sockets().forEach(s -> ports.add(s.localPort()));
      assertTrue(ports.contains(listener.getLocalPort()));
      assertTrue(ports.contains(udp.getLocalPort()));
      assertTrue(!ports.contains(client.getLocalPort()), "a connection is not listening");

      List<SocketEntry> mine = service.listeningByPid().get(SELF);
      assertTrue(mine.stream().anyMatch(s -> s.localPort() == v6.getLocalPort()));
    }
  }

  @Test
  void aForkedChildIsASecondOwner() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "/proc/net/tcp absent: not Linux");
    assumeTrue(onPath("python3"), "python3 absent: needed to fork a process sharing a socket");
    String script =
        "import os,socket,sys,time\n"
            + "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)\n"
            + "pid=os.fork()\n"
            + "if pid==0:\n time.sleep(30); os._exit(0)\n"
            + "print(s.getsockname()[1], pid, flush=True)\n"
            + "sys.stdin.readline(); os.kill(pid,9)\n";
    Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String[] f = r.readLine().trim().split(" ");
      int port = Integer.parseInt(f[0]);
      int child = Integer.parseInt(f[1]);
      SocketEntry s = find(Host.live().ports().ports(PortQuery.listening()), Protocol.TCP, port);
      assertEquals(
          Set.of((int) p.pid(), child),
          Set.copyOf(s.owners().stream().map(SocketOwner::pid).toList()));
      assertTrue(s.owners().stream().allMatch(o -> o.process().startsWith("python")), "" + s);
    } finally {
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void listeningSetMatchesSs() throws Exception {
    assumeTrue(onPath("ss"), "ss absent (Debian iproute2): no oracle");
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    try (ServerSocket listener = new ServerSocket(0, 5, v4);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(v4, 0));
        ServerSocket v6 = new ServerSocket(0, 5, InetAddress.getByName("::1"))) {
      // Other programs open and close sockets meanwhile (the machine is shared): compare what
      // two reads of ours around ss's agree on, and retry a few times before calling it a mismatch.
      Set<String> stable = Set.of();
      Set<String> ssStable = Set.of();
      for (int attempt = 0; attempt < 5; attempt++) {
        Set<String> before = ours();
        Set<String> theirs = SsOracle.listening();
        Set<String> after = ours();
        stable = new HashSet<>(before);
        stable.retainAll(after);
        Set<String> unstable = new HashSet<>(before);
        unstable.addAll(after);
        unstable.removeAll(stable);
        ssStable = new HashSet<>(theirs);
        ssStable.removeAll(unstable);
        if (ssStable.equals(stable)) {
          break;
        }
      }
      assertTrue(
          stable.contains("tcp 127.0.0.1 " + listener.getLocalPort() + " " + SELF), "" + stable);
      assertEquals(ssStable, stable);
    }
  }

  private static Set<String> ours() {
    Set<String> set = new HashSet<>();
    for (SocketEntry s : Host.live().ports().ports(PortQuery.listening()).sockets()) {
      String base =
          s.protocol()
              + " "
              + dev.stackscope.ip.IpAddress.text(s.localAddress())
              + " "
              + s.localPort();
      if (s.owners().isEmpty()) {
        set.add(base + " -");
      }
      s.owners().forEach(o -> set.add(base + " " + o.pid()));
    }
    return set;
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
