package dev.stackscope.dns.resolvconf;

import dev.stackscope.ip.IpAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.xbill.DNS.Address;

/**
 * What the C library (glibc's resolv) takes from a {@code resolv.conf}: at most three nameservers,
 * the search list (the last {@code domain} or {@code search} line wins), and the options ndots
 * (capped at 15), timeout (seconds, capped at 30), attempts (capped at 5), rotate, edns0,
 * single-request, single-request-reopen and no-aaaa (glibc 2.36). A file with no nameserver means
 * 127.0.0.1 (glibc's default); without a search list, the hostname's domain ({@code searchFrom}
 * says which, {@code hostname} is the hostname when it was asked). Parsing is pure and bounded: it
 * reads at most {@link #MAX_BYTES} characters and keeps at most {@link #MAX_SEARCH} search domains
 * of at most 253 characters each.
 */
public record ResolvConf(
    List<String> nameservers,
    List<String> search,
    SearchFrom searchFrom,
    String hostname,
    int ndots,
    int timeoutSeconds,
    int attempts,
    boolean rotate,
    boolean edns0,
    boolean singleRequest,
    boolean singleRequestReopen,
    boolean noAaaa) {
  /**
   * Whether the C library sends A and AAAA one after the other (waiting for the first reply) rather
   * than together: single-request, or single-request-reopen (which also opens a new socket for the
   * second).
   */
  public boolean sequentialPair() {
    return singleRequest || singleRequestReopen;
  }

  /** The most of a resolv.conf read: glibc reads lines of any length, but 64 KiB is plenty. */
  public static final int MAX_BYTES = 64 * 1024;

  /** glibc's MAXNS. */
  public static final int MAX_NAMESERVERS = 3;

  /** The most search domains kept (glibc before 2.26 kept 6; later ones keep more). */
  public static final int MAX_SEARCH = 32;

  /** The longest LOCALDOMAIN or RES_OPTIONS value taken from an environment. */
  public static final int MAX_ENV_VALUE = 4096;

  /**
   * The file as glibc's res_init reads it in an environment: {@code LOCALDOMAIN} (when set, even
   * empty) is the search list and the file's {@code domain} and {@code search} lines are ignored;
   * {@code RES_OPTIONS} is read after the file's options. Null values: not set. The hostname is not
   * known: without a search list, glibc's default (the hostname's domain) is not applied.
   */
  public static ResolvConf parse(String text, String localDomain, String resOptions) {
    return parse(text, localDomain, resOptions, () -> null);
  }

  /**
   * As {@link #parse(String, String, String)}; when neither LOCALDOMAIN nor a {@code search} or
   * {@code domain} line gives a search list, it is the domain of the hostname as glibc's res_init
   * takes it: what follows the first dot of {@code hostname} (asked only then; null: not known).
   */
  public static ResolvConf parse(
      String text, String localDomain, String resOptions, Supplier<String> hostname) {
    if (text.length() > MAX_BYTES) {
      text = text.substring(0, MAX_BYTES);
    }
    Options o = new Options();
    List<String> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    boolean searchLine = false;
    if (localDomain != null) {
      String[] words = oneLine(localDomain).strip().split("[ \t]+");
      for (int i = 0; i < words.length && search.size() < MAX_SEARCH; i++) {
        addDomain(search, words[i]);
      }
    }
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] words = line.split("[ \t]+");
      switch (words[0]) {
        case "nameserver" -> {
          if (words.length > 1 && servers.size() < MAX_NAMESERVERS) {
            String address = nameserver(words[1]);
            if (address != null) {
              servers.add(address);
            }
          }
        }
        case "domain", "search" -> {
          // LOCALDOMAIN overrides the file; a line with no domain is skipped, as glibc does
          if (localDomain == null && words.length > 1) {
            searchLine = true;
            search.clear();
            int last = words[0].equals("domain") ? 2 : words.length;
            for (int i = 1; i < last && search.size() < MAX_SEARCH; i++) {
              addDomain(search, words[i]);
            }
          }
        }
        case "options" -> o.set(words);
        default -> {
          // sortlist and unknown keywords: ignored, as glibc does
        }
      }
    }
    if (servers.isEmpty()) {
      servers.add("127.0.0.1");
    }
    SearchFrom from;
    String host = null;
    if (localDomain != null) {
      from = SearchFrom.LOCALDOMAIN;
    } else if (searchLine) {
      from = SearchFrom.FILE;
    } else {
      host = hostname(hostname.get());
      int dot = host == null ? -1 : host.indexOf('.');
      from =
          host == null
              ? SearchFrom.HOSTNAME_UNKNOWN
              : dot < 0 ? SearchFrom.NONE : SearchFrom.HOSTNAME;
      if (dot >= 0) {
        String domain = host.substring(dot + 1);
        // "host." has the empty domain: glibc searches the root, the name as it is
        addDomain(search, domain.isEmpty() ? "." : domain);
      }
    }
    if (resOptions != null) {
      o.set(("options " + oneLine(resOptions)).strip().split("[ \t]+"));
    }
    return new ResolvConf(
        List.copyOf(servers),
        List.copyOf(search),
        from,
        host,
        o.ndots,
        o.timeout,
        o.attempts,
        o.rotate,
        o.edns0,
        o.single,
        o.reopen,
        o.noAaaa);
  }

  /** The longest hostname kept (Linux allows 64 bytes). */
  public static final int MAX_HOSTNAME = 255;

  /** A hostname as gethostname(2) returns it (no newline), or null when none or too long. */
  private static String hostname(String raw) {
    if (raw == null) {
      return null;
    }
    String h = raw.strip();
    return h.isEmpty() || h.length() > MAX_HOSTNAME ? null : h;
  }

  private static String oneLine(String value) {
    String v = value.length() > MAX_ENV_VALUE ? value.substring(0, MAX_ENV_VALUE) : value;
    return v.replace('\n', ' ').replace('\r', ' ');
  }

  /** No file at all: glibc's defaults, the hostname not known. */
  public static ResolvConf defaults() {
    return parse("");
  }

  /** The file alone: no environment, the hostname not known. */
  public static ResolvConf parse(String text) {
    return parse(text, null, null, () -> null);
  }

  /** The options of resolv.conf's options lines and RES_OPTIONS, later ones winning. */
  private static final class Options {
    int ndots = 1;
    int timeout = 5;
    int attempts = 2;
    boolean rotate;
    boolean edns0;
    boolean single;
    boolean reopen;
    boolean noAaaa;

    /** The words of an options line, the first being "options". */
    void set(String[] words) {
      for (int i = 1; i < words.length; i++) {
        String o = words[i];
        if (o.startsWith("ndots:")) {
          ndots = number(o, 6, ndots, 15);
        } else if (o.startsWith("timeout:")) {
          timeout = Math.max(1, number(o, 8, timeout, 30));
        } else if (o.startsWith("attempts:")) {
          attempts = Math.max(1, number(o, 9, attempts, 5));
        } else if (o.equals("rotate")) {
          rotate = true;
        } else if (o.equals("edns0")) {
          edns0 = true;
        } else if (o.equals("single-request")) {
          single = true;
        } else if (o.equals("single-request-reopen")) {
          reopen = true;
        } else if (o.equals("no-aaaa")) {
          noAaaa = true;
        }
      }
    }
  }

  /** An address literal (an IPv6 zone is kept), normalised; null when not one. */
  private static String nameserver(String word) {
    String addr = word;
    String zone = "";
    int pct = word.indexOf('%');
    if (pct > 0) {
      addr = word.substring(0, pct);
      zone = word.substring(pct);
    }
    if (addr.length() > 45 || zone.length() > 17) {
      return null;
    }
    if (!zone.matches("%[A-Za-z0-9_.:@-]+")) {
      zone = ""; // no interface is called that: glibc's if_nametoindex finds none, scope id 0
    }
    try {
      InetAddress a = Address.getByAddress(addr);
      return IpAddress.text(a) + (a instanceof java.net.Inet6Address ? zone : "");
    } catch (java.net.UnknownHostException e) {
      return null; // glibc skips what inet_pton refuses
    }
  }

  private static void addDomain(List<String> search, String domain) {
    if (domain.length() <= 253 && !domain.isEmpty()) {
      search.add(domain.toLowerCase(Locale.ROOT));
    }
  }

  /** The number after {@code option:}, capped; {@code fallback} when it is not a number. */
  private static int number(String option, int from, int fallback, int cap) {
    String digits = option.substring(from);
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return fallback;
    }
    return Math.min(Integer.parseInt(digits), cap);
  }
}
