package dev.stackscope.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Where a trace starts: the root zone's nameservers and their addresses, read from a root hints
 * file in zone file format (IANA's named.root). The built-in copy is parsed by the same code as a
 * file given with --root-hints.
 */
public final class RootHints {
  private static final String BUILT_IN = "/dev/stackscope/dns/named.root";
  /** The largest root hints file read: IANA's named.root is about 3 kB. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private RootHints() {}

  public static List<NameServer> builtIn() {
    try (InputStream in = RootHints.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in root hints missing: " + BUILT_IN);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The root nameservers in {@code text}: NS records of "." and the A/AAAA records of their names.
   * A file without any root NS record, or whose nameservers have no address, is refused.
   */
  public static List<NameServer> parse(String text) {
    Map<Name, List<InetAddress>> servers = new LinkedHashMap<>();
    List<Record> addresses = new ArrayList<>();
    try (Master master =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root)) {
      // The file is read within a limit: an $INCLUDE (of /dev/zero, or any local file) or a
      // $GENERATE of millions of records must not get round it.
      master.disableIncludes(true);
      master.expandGenerate(false);
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (r instanceof NSRecord ns && r.getName().equals(Name.root)) {
          servers.putIfAbsent(ns.getTarget(), new ArrayList<>());
        } else if (r instanceof ARecord || r instanceof AAAARecord) {
          addresses.add(r);
        }
      }
    } catch (IOException e) {
      throw new DnsInputException("root hints: " + e.getMessage());
    } catch (RuntimeException e) {
      // dnsjava's zone-file reader throws unchecked exceptions on some malformed input (an empty
      // quoted string: StringIndexOutOfBoundsException); found by ZoneFileFuzzTest.
      throw new DnsInputException("root hints: malformed zone file (" + e.getClass().getSimpleName() + ")");
    }
    for (Record r : addresses) {
      List<InetAddress> list = servers.get(r.getName());
      if (list != null) {
        list.add(r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress());
      }
    }
    if (servers.isEmpty()) {
      throw new DnsInputException("root hints: no NS records for the root zone '.'");
    }
    List<NameServer> result = new ArrayList<>();
    servers.forEach((name, list) -> result.add(new NameServer(name, List.copyOf(list))));
    if (result.stream().allMatch(NameServer::glueless)) {
      throw new DnsInputException("root hints: no addresses for the root nameservers");
    }
    return List.copyOf(result);
  }
}
