package dev.stackscope.dns.resolvconf;

import dev.stackscope.ip.IpAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Address;

/**
 * The name-to-address lines of a hosts file (hosts(5)): an address, then a canonical name and
 * aliases; "#" starts a comment. Names are matched without regard to case. Parsing is pure and
 * bounded ({@link #MAX_BYTES}).
 */
public final class HostsFile {
  /** The most of a hosts file read. */
  public static final int MAX_BYTES = 1 << 20;

  private final Map<String, List<String>> byName;

  private HostsFile(Map<String, List<String>> byName) {
    this.byName = byName;
  }

  public static HostsFile empty() {
    return new HostsFile(Map.of());
  }

  public static HostsFile parse(String text) {
    if (text.length() > MAX_BYTES) {
      text = text.substring(0, MAX_BYTES);
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String raw : text.split("\n", -1)) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("[ \t]+");
      if (words.length < 2 || words[0].length() > 64) {
        continue;
      }
      String address;
      try {
        String a = words[0];
        int pct = a.indexOf('%');
        InetAddress parsed = Address.getByAddress(pct > 0 ? a.substring(0, pct) : a);
        address = IpAddress.text(parsed);
      } catch (java.net.UnknownHostException e) {
        continue;
      }
      for (int i = 1; i < words.length; i++) {
        String name = key(words[i]);
        if (!name.isEmpty() && name.length() <= 255) {
          List<String> list = map.computeIfAbsent(name, k -> new ArrayList<>());
          if (!list.contains(address)) {
            list.add(address);
          }
        }
      }
    }
    return new HostsFile(map);
  }

  /** The addresses of {@code name} in file order (none when it is not there). */
  public List<String> lookup(String name) {
    return List.copyOf(byName.getOrDefault(key(name), List.of()));
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
