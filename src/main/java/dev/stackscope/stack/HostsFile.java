package dev.stackscope.stack;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.os.InputFile;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The static table of {@code /etc/hosts}: {@code ADDRESS NAME [ALIAS...]} per line, {@code #}
 * comments. Names match case-insensitively, a trailing dot ignored; a name on several lines gets
 * every address, in file order (as glibc's files backend with {@code multi on}).
 */
public final class HostsFile {
  /**
   * The largest hosts file read: far above the biggest block lists (a few MB), far below what would
   * strain the heap.
   */
  public static final int MAX_FILE_BYTES = 16 << 20;

  private final Map<String, List<InetAddress>> byName;

  private HostsFile(Map<String, List<InetAddress>> byName) {
    this.byName = byName;
  }

  /**
   * Reads and parses a hosts file (bytes that are not UTF-8 become U+FFFD, as only names and
   * addresses matter). A missing file is an empty table when {@code optional} (the system's {@code
   * /etc/hosts}, as the system resolver treats it), an error otherwise; a directory, an unreadable
   * file or one over {@link #MAX_FILE_BYTES} is always an error.
   */
  public static HostsFile read(Path file, boolean optional) throws InputFile.Unreadable {
    if (optional && !Files.exists(file)) {
      return new HostsFile(Map.of());
    }
    byte[] bytes = InputFile.readBytes(file, "hosts file", MAX_FILE_BYTES);
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Parses the file's text; lines whose first field is not an IP address are skipped. */
  public static HostsFile parse(String text) {
    Map<String, List<InetAddress>> map = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String body = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (body.isEmpty()) {
        continue;
      }
      String[] fields = body.split("[ \t]+");
      if (fields.length < 2) {
        continue;
      }
      InetAddress address;
      try {
        address = AddressParser.parse(fields[0]).withoutZone().toInetAddress();
      } catch (InvalidAddressException e) {
        continue;
      }
      for (int i = 1; i < fields.length; i++) {
        List<InetAddress> list = map.computeIfAbsent(key(fields[i]), k -> new ArrayList<>());
        if (!list.contains(address)) {
          list.add(address);
        }
      }
    }
    return new HostsFile(map);
  }

  /** The addresses listed for the name, or an empty list. */
  public List<InetAddress> lookup(String name) {
    return List.copyOf(byName.getOrDefault(key(name), List.of()));
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
