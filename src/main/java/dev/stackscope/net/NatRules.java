package dev.stackscope.net;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNAT rules of {@code iptables-save -t nat} (the form docker, netavark, CNI's portmap and
 * kube-proxy write): {@code -A CHAIN [-d ADDR[/LEN]] -p PROTO [-m tcp] --dport N[:M] ... -j DNAT
 * --to-destination ADDR[:PORT[-PORT]]}. Only rules that say which local port they rewrite are kept
 * (kube-proxy's per-endpoint chains say it one jump earlier: not followed). A rule with a negated
 * destination or port, or anything this reader does not understand in its matches, is skipped.
 * Outside data: at most {@link #MOST_BYTES} characters and {@link #MOST_RULES} rules are read.
 */
public final class NatRules {
  static final int MOST_BYTES = 4 << 20;
  static final int MOST_RULES = 50_000;
  private static final int LONGEST_LINE = 16_384;

  private NatRules() {}

  /**
   * One DNAT rule.
   *
   * @param chain the chain it is in ({@code DOCKER}, {@code NETAVARK-DN-…}, {@code CNI-DN-…})
   * @param protocol {@code tcp}, {@code udp}, {@code sctp}, or null for any
   * @param destination the local address it matches, or null for any
   * @param prefix the destination's prefix length
   * @param firstPort the first local port it matches
   * @param lastPort the last local port it matches
   * @param to the address it rewrites to
   * @param toPort the port it rewrites to, or null for the same port
   */
  public record Rule(
      String chain,
      String protocol,
      IpAddress destination,
      int prefix,
      int firstPort,
      int lastPort,
      IpAddress to,
      Integer toPort) {

    /** Whether a packet to {@code address}:{@code port} over {@code proto} is rewritten. */
    public boolean matches(String proto, IpAddress address, int port) {
      if (port < firstPort || port > lastPort || (protocol != null && !protocol.equals(proto))) {
        return false;
      }
      if (destination == null || address == null) {
        return true;
      }
      IpAddress a = address.unmapped().withoutZone();
      return a.version() == destination.version() && a.inPrefix(destination, prefix);
    }

    /** The port a packet to {@code port} goes to. */
    public int targetPort(int port) {
      return toPort != null ? toPort : port;
    }
  }

  /** The DNAT rules in {@code text}, in their order; what is not one is skipped. */
  public static List<Rule> parse(String text) {
    List<Rule> rules = new ArrayList<>();
    if (text == null) {
      return rules;
    }
    int end = Math.min(text.length(), MOST_BYTES);
    int at = 0;
    while (at < end && rules.size() < MOST_RULES) {
      int nl = text.indexOf('\n', at);
      int lineEnd = nl < 0 || nl > end ? end : nl;
      if (lineEnd - at <= LONGEST_LINE && text.startsWith("-A ", at)) {
        Rule r = rule(tokens(text.substring(at, lineEnd)));
        if (r != null) {
          rules.add(r);
        }
      }
      at = lineEnd + 1;
    }
    return rules;
  }

  /** One rule's words; a double-quoted word keeps its blanks, {@code \"} and {@code \\} escape. */
  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == ' ' || c == '\t' || c == '\r') {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '"') {
          quoted = true;
        } else {
          word.append(c);
        }
      }
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }

  private static Rule rule(List<String> w) {
    if (w.size() < 2 || !w.get(0).equals("-A")) {
      return null;
    }
    String chain = w.get(1);
    String protocol = null;
    IpAddress destination = null;
    int prefix = 0;
    int first = -1;
    int last = -1;
    String target = null;
    String toDestination = null;
    boolean negated = false;
    for (int i = 2; i < w.size(); i++) {
      String o = w.get(i);
      if (o.equals("!")) {
        negated = true;
        continue;
      }
      String v = i + 1 < w.size() ? w.get(i + 1) : null;
      boolean wasNegated = negated;
      negated = false;
      switch (o) {
        case "-p", "--protocol" -> {
          if (wasNegated || v == null) {
            return null;
          }
          protocol = v.toLowerCase(java.util.Locale.ROOT);
          if (protocol.equals("all")) {
            protocol = null;
          }
          i++;
        }
        case "-d", "--destination" -> {
          if (wasNegated || v == null) {
            return null;
          }
          int slash = v.indexOf('/');
          IpAddress a = address(slash < 0 ? v : v.substring(0, slash));
          if (a == null) {
            return null;
          }
          int len = slash < 0 ? a.bits() : PortNumber.parse(v.substring(slash + 1));
          if (len < 0 || len > a.bits()) {
            return null;
          }
          destination = a;
          prefix = len;
          i++;
        }
        case "--dport", "--destination-port", "--dports", "--destination-ports" -> {
          if (wasNegated || v == null) {
            return null;
          }
          // one port, a range A:B, or (multiport) a list: only one port or range is understood
          int colon = v.indexOf(':');
          first = PortNumber.parse(colon < 0 ? v : v.substring(0, colon));
          last = colon < 0 ? first : PortNumber.parse(v.substring(colon + 1));
          if (first < 0 || last < first) {
            return null;
          }
          i++;
        }
        case "-j", "--jump" -> {
          target = v;
          i++;
        }
        case "--to-destination" -> {
          toDestination = v;
          i++;
        }
        default -> {
          if (wasNegated) {
            i++; // a negated match of something else (an input interface): does not narrow ours
          }
        }
      }
    }
    if (!"DNAT".equals(target) || toDestination == null || first < 0) {
      return null;
    }
    return destinationOf(chain, protocol, destination, prefix, first, last, toDestination);
  }

  /** {@code ADDR}, {@code ADDR:PORT}, {@code ADDR:PORT-PORT}, {@code [V6]:PORT}, {@code V6}. */
  private static Rule destinationOf(
      String chain,
      String protocol,
      IpAddress destination,
      int prefix,
      int first,
      int last,
      String to) {
    String addr = to;
    String port = null;
    if (to.startsWith("[")) {
      int close = to.indexOf(']');
      if (close < 0) {
        return null;
      }
      addr = to.substring(1, close);
      String rest = to.substring(close + 1);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        return null;
      }
    } else if (to.indexOf(':') >= 0 && to.indexOf(':') == to.lastIndexOf(':')) {
      addr = to.substring(0, to.indexOf(':'));
      port = to.substring(to.indexOf(':') + 1);
    }
    int dash = addr.indexOf('-');
    if (dash >= 0) {
      addr = addr.substring(0, dash); // an address range: its first
    }
    IpAddress a = address(addr);
    if (a == null) {
      return null;
    }
    Integer toPort = null;
    if (port != null) {
      int d = port.indexOf('-');
      int p = PortNumber.parse(d < 0 ? port : port.substring(0, d));
      if (p < 0) {
        return null;
      }
      toPort = p;
    }
    return new Rule(chain, protocol, destination, prefix, first, last, a, toPort);
  }

  /** An address without a zone as a rule writes it, or null when it is none. */
  static IpAddress address(String text) {
    if (text.isEmpty() || text.length() > 64) {
      return null;
    }
    try {
      IpAddress a = AddressParser.parse(text);
      return a.zone() == null ? a : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
