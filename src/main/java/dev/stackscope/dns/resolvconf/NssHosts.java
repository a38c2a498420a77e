package dev.stackscope.dns.resolvconf;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hosts:} line of nsswitch.conf: the sources in order ("files", "dns", "myhostname",
 * "resolve", "mdns4_minimal"...), action items such as {@code [NOTFOUND=return]} left out. No file
 * or no hosts line means glibc's default, {@code dns files}... in practice Debian ships {@code
 * files dns}; glibc's compiled-in default is "dns [!UNAVAIL=return] files".
 */
public final class NssHosts {
  /** The most of an nsswitch.conf read. */
  public static final int MAX_BYTES = 64 * 1024;

  private NssHosts() {}

  /** glibc's built-in order when nsswitch.conf has no hosts line. */
  public static List<String> defaults() {
    return List.of("dns", "files");
  }

  public static List<String> parse(String text) {
    if (text.length() > MAX_BYTES) {
      text = text.substring(0, MAX_BYTES);
    }
    List<String> sources = null;
    for (String raw : text.split("\n", -1)) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (!line.startsWith("hosts:") && !line.startsWith("hosts\t") && !line.startsWith("hosts ")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      List<String> found = new ArrayList<>();
      String rest = line.substring(colon + 1).replaceAll("\\[[^\\]]*\\]", " ");
      for (String w : rest.strip().split("[ \t]+")) {
        // a bracket left over is a broken action item ("[NOTFOUND=return" without its "]"), not
        // a source
        if (!w.isEmpty()
            && w.length() <= 64
            && w.indexOf('[') < 0
            && w.indexOf(']') < 0
            && found.size() < 16) {
          found.add(w);
        }
      }
      if (sources == null) {
        sources = found; // glibc takes the first hosts line
      }
    }
    return sources == null || sources.isEmpty() ? defaults() : List.copyOf(sources);
  }
}
