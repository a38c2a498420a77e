package dev.stackscope.dns.resolvconf;

import dev.stackscope.ip.IpAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Address;

/**
 * What the C library (glibc's resolv) takes from a {@code resolv.conf}: at most three nameservers,
 * the search list (the last {@code domain} or {@code search} line wins), and the options ndots
 * (capped at 15), timeout (seconds, capped at 30), attempts (capped at 5), rotate, edns0,
 * single-request, single-request-reopen and no-aaaa (glibc 2.36). A file with no nameserver means
 * 127.0.0.1 (glibc's default). Parsing is pure and bounded: it reads at most {@link #MAX_BYTES}
 * characters and keeps at most {@link #MAX_SEARCH} search domains of at most 253 characters each.
 */
public record ResolvConf(
    List<String> nameservers,
    List<String> search,
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
   * {@code RES_OPTIONS} is read after the file's options. Null values: not set.
   */
  public static ResolvConf parse(String text, String localDomain, String resOptions) {
    if (localDomain == null && resOptions == null) {
      return parse(text);
    }
    if (text.length() > MAX_BYTES) {
      text = text.substring(0, MAX_BYTES);
    }
    StringBuilder effective = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String first = raw.strip().split("[ \t]+", 2)[0];
      if (localDomain != null && (first.equals("domain") || first.equals("search"))) {
        continue;
      }
      effective.append(raw).append('\n');
    }
    if (localDomain != null) {
      effective.append("search ").append(oneLine(localDomain)).append('\n');
    }
    if (resOptions != null) {
      effective.append("options ").append(oneLine(resOptions)).append('\n');
    }
    return parse(effective.toString());
  }

  private static String oneLine(String value) {
    String v = value.length() > MAX_ENV_VALUE ? value.substring(0, MAX_ENV_VALUE) : value;
    return v.replace('\n', ' ').replace('\r', ' ');
  }

  /** No file at all: glibc's defaults. */
  public static ResolvConf defaults() {
    return parse("");
  }

  public static ResolvConf parse(String text) {
    if (text.length() > MAX_BYTES) {
      text = text.substring(0, MAX_BYTES);
    }
    List<String> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    int ndots = 1;
    int timeout = 5;
    int attempts = 2;
    boolean rotate = false;
    boolean edns0 = false;
    boolean single = false;
    boolean reopen = false;
    boolean noAaaa = false;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] words = line.split("[ \t]+");
      String key = words[0];
      switch (key) {
        case "nameserver" -> {
          if (words.length > 1 && servers.size() < MAX_NAMESERVERS) {
            String address = nameserver(words[1]);
            if (address != null) {
              servers.add(address);
            }
          }
        }
        case "domain" -> {
          search.clear();
          if (words.length > 1) {
            addDomain(search, words[1]);
          }
        }
        case "search" -> {
          search.clear();
          for (int i = 1; i < words.length && search.size() < MAX_SEARCH; i++) {
            addDomain(search, words[i]);
          }
        }
        case "options" -> {
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
        default -> {
          // sortlist and unknown keywords: ignored, as glibc does
        }
      }
    }
    if (servers.isEmpty()) {
      servers.add("127.0.0.1");
    }
    return new ResolvConf(
        List.copyOf(servers),
        List.copyOf(search),
        ndots,
        timeout,
        attempts,
        rotate,
        edns0,
        single,
        reopen,
        noAaaa);
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
