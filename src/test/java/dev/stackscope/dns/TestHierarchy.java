package dev.stackscope.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The private DNS tree the tests resolve in: zone files under test resources, served from
 * 127.53.0.1-9 on one shared high port, either by in-process servers or by NSD.
 *
 * <pre>
 *   .1 root  → test. (.2), lab. (.3)
 *   .2 test. → example.test (.4), glueless.test (NS ns.example.lab, no glue), lame.test
 *             (a-lame .6 refuses, b-ok .4), timeout.test (a-dead .7 is silent, b-ok .4),
 *             loop.test (.8 refers back to loop.test)
 *   .3 lab.  → example.lab (.5)
 *   .4 example.test (→ sub.example.test .9), lame.test, timeout.test
 *   .5 example.lab, glueless.test (→ deep.glueless.test .9)
 *   .6 lame: serves only unrelated.lab, so REFUSED for lame.test
 *   .7 silent   .8 a second "test." whose loop.test delegation points at itself
 *   .9 sub.example.test, deep.glueless.test
 * </pre>
 */
public final class TestHierarchy {
  public static final String PREFIX = "127.53.0.";
  public static final int SILENT = 7;

  /** A zone and the file that holds it. */
  public record ZoneFile(String origin, String file) {}

  /** One server address and the zones it is authoritative for. */
  public record Server(int host, List<ZoneFile> zones) {
    public InetAddress address() {
      try {
        return InetAddress.getByAddress(new byte[] {127, 53, 0, (byte) host});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static final List<Server> SERVERS =
      List.of(
          server(1, ".", "root.zone"),
          server(2, "test.", "test.zone"),
          server(3, "lab.", "lab.zone"),
          server(
              4,
              "example.test.",
              "example.test.zone",
              "lame.test.",
              "lame.test.zone",
              "timeout.test.",
              "timeout.test.zone",
              "0.0.127.in-addr.arpa.",
              "0.0.127.in-addr.arpa.zone"),
          server(5, "example.lab.", "example.lab.zone", "glueless.test.", "glueless.test.zone"),
          server(6, "unrelated.lab.", "unrelated.lab.zone"),
          server(SILENT),
          server(8, "test.", "loop-server.test.zone"),
          server(
              9,
              "sub.example.test.",
              "sub.example.test.zone",
              "deep.glueless.test.",
              "deep.glueless.test.zone"));

  /** Root hints for the private root, in named.root format. */
  public static final String ROOT_HINTS =
      ".  3600000  NS  a.root-servers.test.\na.root-servers.test.  3600000  A  127.53.0.1\n";

  private TestHierarchy() {}

  private static Server server(int host, String... originsAndFiles) {
    List<ZoneFile> zones = new ArrayList<>();
    for (int i = 0; i < originsAndFiles.length; i += 2) {
      zones.add(new ZoneFile(originsAndFiles[i], originsAndFiles[i + 1]));
    }
    return new Server(host, List.copyOf(zones));
  }

  public static String zoneText(String file) {
    try (InputStream in = TestHierarchy.class.getResourceAsStream("hierarchy/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test zone " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path writeRootHints(Path dir) throws IOException {
    return Files.writeString(dir.resolve("root.hints"), ROOT_HINTS);
  }

  /** A port free for UDP and TCP on every server address (checked by binding, then released). */
  public static int freePort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 60000);
      if (freeEverywhere(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port on 127.53.0.1-9");
  }

  private static boolean freeEverywhere(int port) {
    for (Server s : SERVERS) {
      InetSocketAddress a = new InetSocketAddress(s.address(), port);
      try (DatagramSocket u = new DatagramSocket(a);
          ServerSocket t = new ServerSocket()) {
        t.bind(a);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
