package dev.stackscope.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.stackscope.ip.IpAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DNAT rules of an nftables ruleset in {@code nft -j list ruleset}'s JSON
 * (libnftables-json(5)), read into the same {@link NatRules.Rule}s as {@code iptables-save}'s: a
 * rule of any chain ({@code NETAVARK-HOSTPORT-DNAT}, netavark's {@code nv_…_dnat}, {@code DOCKER},
 * {@code KUBE-…}) whose matches name the local port and whose verdict is {@code dnat} to an
 * address. As in {@link NatRules}: matches on the destination address ({@code ip daddr}, {@code ip6
 * daddr}, one address or a prefix), the destination port ({@code tcp|udp|sctp|th dport}, one port
 * or a range) and the protocol ({@code meta l4proto}, {@code ip protocol}, {@code ip6 nexthdr})
 * narrow the rule; a negated one of those, a set or a map there, or a {@code dnat} to anything but
 * an address (a map) skips the rule; matches on anything else (input interface, source, fib) do not
 * narrow it. Outside data: at most {@link #MOST_BYTES} bytes and {@link NatRules#MOST_RULES} rules
 * are read; a document cut short or malformed gives the rules read before the fault. Never throws.
 */
public final class NftRules {
  static final int MOST_BYTES = 16 << 20;

  /** Matches and verdicts nest a few levels; what nests deeper is no value this reader uses. */
  private static final int DEEPEST = 8;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(1 << 16)
                  .maxNumberLength(32)
                  .build())
          .build();

  /** A value too deep or of a kind this reader does not use. */
  private static final Object OTHER = new Object();

  private NftRules() {}

  /** The DNAT rules of {@code json}, in their order; what is not one is skipped. */
  public static List<NatRules.Rule> parse(String json) {
    List<NatRules.Rule> rules = new ArrayList<>();
    if (json == null) {
      return rules;
    }
    String text = json.length() > MOST_BYTES ? json.substring(0, MOST_BYTES) : json;
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return rules;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!field.equals("nftables") || t != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            continue;
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String kind = p.currentName();
            JsonToken v = p.nextToken();
            if (kind.equals("rule") && v == JsonToken.START_OBJECT) {
              NatRules.Rule r = rule(p);
              if (r != null) {
                rules.add(r);
                if (rules.size() >= NatRules.MOST_RULES) {
                  return rules;
                }
              }
            } else {
              p.skipChildren();
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // malformed or cut short: the rules read so far
    }
    return rules;
  }

  /** One {@code rule} object (the parser at its start), or null when it is no DNAT we follow. */
  private static NatRules.Rule rule(JsonParser p) throws IOException {
    String chain = null;
    Dnat dnat = new Dnat();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("chain") && t == JsonToken.VALUE_STRING) {
        chain = p.getText();
      } else if (field.equals("expr") && t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String statement = p.currentName();
            p.nextToken();
            Object value = value(p, 0);
            if (value instanceof Map<?, ?> m) {
              dnat.statement(statement, m);
            }
          }
        }
        if (t != JsonToken.END_ARRAY) {
          p.skipChildren();
          dnat.understood = false;
        }
      } else {
        p.skipChildren();
      }
    }
    return chain == null || chain.isEmpty() || chain.length() > 256 ? null : dnat.rule(chain);
  }

  /**
   * The value at the parser (its first token read): maps, lists, strings, {@link Long}s, else
   * {@link #OTHER}; below {@link #DEEPEST} levels it is skipped as {@link #OTHER}.
   */
  private static Object value(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      if (depth >= DEEPEST) {
        p.skipChildren();
        return OTHER;
      }
      if (t == JsonToken.START_OBJECT) {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value(p, depth + 1));
        }
        return m;
      }
      List<Object> l = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == null) {
          throw new IOException("the document ends early");
        }
        l.add(value(p, depth + 1));
      }
      return l;
    }
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    return OTHER;
  }

  /** What one rule's statements say, collected in order. */
  private static final class Dnat {
    String protocol;
    IpAddress destination;
    int prefix;
    int first = -1;
    int last = -1;
    IpAddress to;
    Integer toPort;
    boolean understood = true;
    boolean verdict;

    void statement(String kind, Map<?, ?> body) {
      if (verdict) {
        return; // after the verdict nothing counts
      }
      switch (kind) {
        case "match" -> match(body);
        case "dnat" -> {
          verdict = true;
          dnat(body);
        }
        case "accept", "drop", "reject", "jump", "goto", "return", "snat", "masquerade" -> {
          verdict = true;
          understood = false; // a rule that ends another way rewrites nothing
        }
        case "redirect" -> {
          verdict = true;
          understood = false; // to this host itself: no container to follow
        }
        default -> {
          // counter, log, mark, comment…: no part of the match
        }
      }
    }

    private void match(Map<?, ?> m) {
      Object op = m.get("op");
      boolean negated = "!=".equals(op);
      if (!negated && !"==".equals(op) && !"in".equals(op)) {
        if (narrows(m.get("left"))) {
          understood = false; // < or > on our fields: not one port or address
        }
        return;
      }
      Object left = m.get("left");
      Object right = m.get("right");
      if (!narrows(left)) {
        return;
      }
      if (negated) {
        understood = false;
        return;
      }
      Map<?, ?> l = (Map<?, ?>) left;
      if (l.get("meta") instanceof Map<?, ?> meta) {
        protocol(meta.get("key").equals("l4proto") ? right : null);
        return;
      }
      Map<?, ?> payload = (Map<?, ?>) l.get("payload");
      String field = (String) payload.get("field");
      String proto = (String) payload.get("protocol");
      switch (field) {
        case "daddr" -> destination(right);
        case "dport" -> {
          if (!proto.equals("th")) {
            protocol(proto);
          }
          ports(right);
        }
        default -> protocol(right); // ip protocol, ip6 nexthdr
      }
    }

    /** Whether {@code left} is one of the fields that narrow a DNAT rule. */
    private static boolean narrows(Object left) {
      if (!(left instanceof Map<?, ?> l)) {
        return false;
      }
      if (l.get("meta") instanceof Map<?, ?> meta) {
        return "l4proto".equals(meta.get("key"));
      }
      if (!(l.get("payload") instanceof Map<?, ?> payload)) {
        return false;
      }
      Object proto = payload.get("protocol");
      Object field = payload.get("field");
      if ("daddr".equals(field)) {
        return "ip".equals(proto) || "ip6".equals(proto);
      }
      if ("dport".equals(field)) {
        return "tcp".equals(proto)
            || "udp".equals(proto)
            || "sctp".equals(proto)
            || "th".equals(proto);
      }
      return ("ip".equals(proto) && "protocol".equals(field))
          || ("ip6".equals(proto) && "nexthdr".equals(field));
    }

    private void protocol(Object value) {
      String p = null;
      if (value instanceof String s) {
        p = s.toLowerCase(Locale.ROOT);
      } else if (value instanceof Long n) {
        p = n == 6 ? "tcp" : n == 17 ? "udp" : n == 132 ? "sctp" : null;
      }
      if (p == null || !(p.equals("tcp") || p.equals("udp") || p.equals("sctp"))) {
        understood = false;
      } else if (protocol != null && !protocol.equals(p)) {
        understood = false; // two protocols: matches nothing
      } else {
        protocol = p;
      }
    }

    private void destination(Object value) {
      IpAddress a = null;
      int len = -1;
      if (value instanceof String s) {
        a = NatRules.address(s);
        len = a == null ? -1 : a.bits();
      } else if (value instanceof Map<?, ?> m && m.get("prefix") instanceof Map<?, ?> prefix) {
        a = prefix.get("addr") instanceof String s ? NatRules.address(s) : null;
        len = prefix.get("len") instanceof Long n && n >= 0 && n <= 128 ? n.intValue() : -1;
      }
      if (a == null || len < 0 || len > a.bits() || destination != null) {
        understood = false;
        return;
      }
      destination = a;
      prefix = len;
    }

    private void ports(Object value) {
      int[] range = range(value);
      if (range == null || first >= 0) {
        understood = false;
        return;
      }
      first = range[0];
      last = range[1];
    }

    private void dnat(Map<?, ?> d) {
      Object addr = d.get("addr");
      if (addr instanceof Map<?, ?> m && m.get("range") instanceof List<?> r && r.size() == 2) {
        addr = r.get(0); // an address range: its first
      }
      to = addr instanceof String s ? NatRules.address(s) : null;
      if (to == null) {
        understood = false;
        return;
      }
      if (d.containsKey("port")) {
        int[] range = range(d.get("port"));
        if (range == null) {
          understood = false;
          return;
        }
        toPort = range[0];
      }
    }

    NatRules.Rule rule(String chain) {
      if (!understood || !verdict || to == null || first < 0) {
        return null;
      }
      return new NatRules.Rule(chain, protocol, destination, prefix, first, last, to, toPort);
    }
  }

  /** A port ({@code 80}) or a range ({@code {"range": [9000, 9010]}}), each 1–65535; else null. */
  private static int[] range(Object value) {
    if (value instanceof Long n) {
      int p = port(n);
      return p < 0 ? null : new int[] {p, p};
    }
    if (value instanceof Map<?, ?> m && m.get("range") instanceof List<?> r && r.size() == 2) {
      int a = r.get(0) instanceof Long x ? port(x) : -1;
      int b = r.get(1) instanceof Long y ? port(y) : -1;
      return a < 0 || b < a ? null : new int[] {a, b};
    }
    return null;
  }

  private static int port(long n) {
    return n >= 1 && n <= 65535 ? (int) n : -1;
  }
}
