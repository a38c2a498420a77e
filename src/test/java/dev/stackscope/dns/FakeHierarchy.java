package dev.stackscope.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Zone;

/** {@link TestHierarchy} served by in-process {@link FakeAuthority} servers. */
final class FakeHierarchy implements AutoCloseable {
  int port;
  final Map<Integer, FakeAuthority> servers = new TreeMap<>();

  /**
   * @param forgeGlueAt the host whose referrals carry forged out-of-bailiwick glue (0: none)
   */
  /** Replaces a zone before it is served (e.g. signs it). */
  interface ZoneTransform {
    Zone apply(TestHierarchy.ZoneFile file, Zone zone) throws IOException;
  }

  private final ZoneTransform transform;

  FakeHierarchy(int forgeGlueAt) throws IOException {
    this(forgeGlueAt, (file, zone) -> zone);
  }

  FakeHierarchy(int forgeGlueAt, ZoneTransform transform) throws IOException {
    this.transform = transform;
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int p = TestHierarchy.freePort();
      try {
        start(p, forgeGlueAt);
        this.port = p;
        return;
      } catch (IOException e) {
        close(); // someone took the port in between: try another
        last = e;
      }
    }
    throw last;
  }

  private void start(int p, int forgeGlueAt) throws IOException {
    for (TestHierarchy.Server s : TestHierarchy.SERVERS) {
      List<Zone> zones = new ArrayList<>();
      for (TestHierarchy.ZoneFile z : s.zones()) {
        byte[] text = TestHierarchy.zoneText(z.file()).getBytes(StandardCharsets.UTF_8);
        zones.add(
            transform.apply(
                z, new Zone(Name.fromString(z.origin()), new ByteArrayInputStream(text))));
      }
      servers.put(
          s.host(),
          new FakeAuthority(
              new InetSocketAddress(s.address(), p),
              zones,
              s.host() == TestHierarchy.SILENT,
              s.host() == forgeGlueAt));
    }
  }

  int queries(int host) {
    return servers.get(host).queries.get();
  }

  @Override
  public void close() {
    servers.values().forEach(FakeAuthority::close);
    servers.clear();
  }
}
