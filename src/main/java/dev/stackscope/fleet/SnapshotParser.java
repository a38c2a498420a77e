package dev.stackscope.fleet;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.Confidence;
import dev.stackscope.stack.Role;
import dev.stackscope.stack.RuleMatch;
import dev.stackscope.stack.StackMap;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.EdgeKind;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import dev.stackscope.stack.StackMap.UnixEdge;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a snapshot ({@code stack --json}, docs/snapshot.md) back into records. Outside data: every
 * field is checked for its type and range, and a document that is not a snapshot of {@link
 * SnapshotDocument#SCHEMA_VERSION} is refused with one line naming the source and the field. Fields
 * it does not know are ignored (a later stackscope may add some within the version); a role it does
 * not know is {@code other}.
 */
public final class SnapshotParser {
  /** At most this many characters in a name, rule, path or address. */
  static final int MAX_TEXT = 4096;

  private final String source;

  private SnapshotParser(String source) {
    this.source = source;
  }

  /** The snapshot in {@code bytes} (UTF-8 JSON); {@code source} names it in messages. */
  public static Snapshot parse(String source, byte[] bytes) throws SnapshotException {
    return new SnapshotParser(source).parse(bytes);
  }

  private Snapshot parse(byte[] bytes) throws SnapshotException {
    Object root;
    try {
      root = JsonTree.parse(bytes);
    } catch (JsonTree.Malformed e) {
      throw fail("not a stackscope snapshot (" + e.getMessage() + ")");
    }
    if (!(root instanceof Map<?, ?> doc)) {
      throw fail("not a stackscope snapshot (not a JSON object)");
    }
    if (!doc.containsKey("schemaVersion")) {
      throw fail(
          "not a stackscope snapshot (no schemaVersion"
              + (doc.containsKey("components") ? "; from a stackscope before snapshots?" : "")
              + ")");
    }
    Object version = doc.get("schemaVersion");
    if (!(version instanceof Long v) || v != SnapshotDocument.SCHEMA_VERSION) {
      throw fail(
          "schema version "
              + shown(version)
              + " (this stackscope reads version "
              + SnapshotDocument.SCHEMA_VERSION
              + ")");
    }
    HostFacts host = host(object(doc, "host", "host"));
    List<Component> components = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (Object o : list(doc, "components", "components", true)) {
      Component c = component(asObject(o, "components[" + i + "]"), "components[" + i + "]");
      if (!ids.add(c.id())) {
        throw fail("components[" + i + "].id '" + c.id() + "' appears twice");
      }
      components.add(c);
      i++;
    }
    List<Edge> edges = new ArrayList<>();
    i = 0;
    for (Object o : list(doc, "edges", "edges", true)) {
      String at = "edges[" + i++ + "]";
      Map<?, ?> e = asObject(o, at);
      String kind = optionalText(e, "kind", at);
      edges.add(
          new Edge(
              member(e, "from", at, ids),
              member(e, "to", at, ids),
              port(e, "port", at),
              count(e, "count", at),
              "replication".equals(kind) ? EdgeKind.REPLICATION : EdgeKind.CLIENT));
    }
    List<External> external = new ArrayList<>();
    i = 0;
    for (Object o : list(doc, "external", "external", true)) {
      String at = "external[" + i++ + "]";
      Map<?, ?> x = asObject(o, at);
      String direction = text(x, "direction", at);
      if (!direction.equals("in") && !direction.equals("out")) {
        throw fail(at + ".direction must be \"in\" or \"out\", not " + shown(direction));
      }
      external.add(
          new External(
              member(x, "component", at, ids),
              direction,
              address(x, "address", at),
              port(x, "port", at),
              count(x, "count", at)));
    }
    List<UnixEdge> unix = new ArrayList<>();
    i = 0;
    for (Object o : list(doc, "unixEdges", "unixEdges", false)) {
      String at = "unixEdges[" + i++ + "]";
      Map<?, ?> u = asObject(o, at);
      unix.add(
          new UnixEdge(
              member(u, "from", at, ids),
              member(u, "to", at, ids),
              text(u, "path", at),
              count(u, "count", at)));
    }
    return new Snapshot(source, host, new StackMap(List.copyOf(components), edges, external, unix));
  }

  private HostFacts host(Map<?, ?> h) throws SnapshotException {
    List<String> addresses = new ArrayList<>();
    int i = 0;
    for (Object o : list(h, "addresses", "host.addresses", true)) {
      String at = "host.addresses[" + i++ + "]";
      if (!(o instanceof String s)) {
        throw fail(at + " is not a string");
      }
      addresses.add(canonical(s, at));
    }
    String machineId = optionalText(h, "machineId", "host");
    if (machineId != null && !machineId.matches("[0-9A-Za-z-]{1,128}")) {
      throw fail("host.machineId " + shown(machineId) + " is not a machine-id");
    }
    return new HostFacts(
        optionalText(h, "name", "host"),
        machineId,
        addresses,
        optionalText(h, "time", "host"),
        optionalText(h, "version", "host"));
  }

  private Component component(Map<?, ?> c, String at) throws SnapshotException {
    List<Integer> pids = new ArrayList<>();
    for (Object o : list(c, "pids", at + ".pids", true)) {
      if (!(o instanceof Long p) || p < 1 || p > Integer.MAX_VALUE) {
        throw fail(at + ".pids holds " + shown(o) + ", not a PID");
      }
      pids.add(p.intValue());
    }
    if (pids.isEmpty()) {
      throw fail(at + ".pids is empty");
    }
    List<Listener> listeners = new ArrayList<>();
    int i = 0;
    for (Object o : list(c, "listeners", at + ".listeners", true)) {
      String l = at + ".listeners[" + i++ + "]";
      Map<?, ?> m = asObject(o, l);
      listeners.add(
          new Listener(
              text(m, "protocol", l), address(m, "address", l), port(m, "port", l), scope(m, l)));
    }
    String role = text(c, "role", at);
    Role parsed;
    try {
      parsed = Role.byId(role);
    } catch (IllegalArgumentException e) {
      parsed = Role.OTHER;
    }
    return new Component(
            text(c, "id", at),
            parsed,
            text(c, "program", at),
            List.copyOf(pids),
            optionalText(c, "user", at),
            new RuleMatch(RuleMatch.Kind.RECORDED, text(c, "rule", at)),
            confidence(c, at),
            List.copyOf(listeners))
        .withRuleSource(optionalText(c, "ruleSource", at));
  }

  private Confidence confidence(Map<?, ?> c, String at) throws SnapshotException {
    String s = text(c, "confidence", at);
    Confidence parsed = Confidence.byId(s);
    if (parsed == null) {
      throw fail(at + ".confidence " + shown(s) + " is not high, medium or low");
    }
    return parsed;
  }

  private Reach scope(Map<?, ?> m, String at) throws SnapshotException {
    String s = text(m, "scope", at);
    for (Reach r : Reach.values()) {
      if (r.toString().equals(s)) {
        return r;
      }
    }
    throw fail(at + ".scope " + shown(s) + " is not a scope");
  }

  private String member(Map<?, ?> m, String key, String at, Set<String> ids)
      throws SnapshotException {
    String id = text(m, key, at);
    if (!ids.contains(id)) {
      throw fail(at + "." + key + " '" + id + "' names no component");
    }
    return id;
  }

  private String address(Map<?, ?> m, String key, String at) throws SnapshotException {
    return canonical(text(m, key, at), at + "." + key);
  }

  /** The address in RFC 5952 text, IPv4-mapped IPv6 as IPv4, without a zone. */
  private String canonical(String text, String at) throws SnapshotException {
    try {
      return AddressParser.parse(text).withoutZone().unmapped().toString();
    } catch (InvalidAddressException e) {
      throw fail(at + " " + shown(text) + " is not an IP address");
    }
  }

  private int port(Map<?, ?> m, String key, String at) throws SnapshotException {
    Object o = m.get(key);
    if (!(o instanceof Long p) || p < 0 || p > 65535) {
      throw fail(at + "." + key + " is " + shown(o) + ", not a port");
    }
    return p.intValue();
  }

  private int count(Map<?, ?> m, String key, String at) throws SnapshotException {
    Object o = m.get(key);
    if (!(o instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
      throw fail(at + "." + key + " is " + shown(o) + ", not a count");
    }
    return n.intValue();
  }

  private String text(Map<?, ?> m, String key, String at) throws SnapshotException {
    String s = optionalText(m, key, at);
    if (s == null) {
      throw fail(at + "." + key + " is missing");
    }
    return s;
  }

  private String optionalText(Map<?, ?> m, String key, String at) throws SnapshotException {
    Object o = m.get(key);
    if (o == null) {
      return null;
    }
    if (!(o instanceof String s)) {
      throw fail(at + "." + key + " is " + shown(o) + ", not a string");
    }
    if (s.length() > MAX_TEXT) {
      throw fail(at + "." + key + " is longer than " + MAX_TEXT + " characters");
    }
    return s;
  }

  private Map<?, ?> object(Map<?, ?> m, String key, String at) throws SnapshotException {
    Object o = m.get(key);
    if (o == null) {
      throw fail(at + " is missing");
    }
    return asObject(o, at);
  }

  private Map<?, ?> asObject(Object o, String at) throws SnapshotException {
    if (!(o instanceof Map<?, ?> m)) {
      throw fail(at + " is " + shown(o) + ", not an object");
    }
    return m;
  }

  private List<?> list(Map<?, ?> m, String key, String at, boolean required)
      throws SnapshotException {
    Object o = m.get(key);
    if (o == null) {
      if (required) {
        throw fail(at + " is missing");
      }
      return List.of();
    }
    if (!(o instanceof List<?> l)) {
      throw fail(at + " is " + shown(o) + ", not an array");
    }
    return l;
  }

  /** A value as a message shows it: short, on one line, JSON-like. */
  private static String shown(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Map<?, ?>) {
      return "an object";
    }
    if (o instanceof List<?>) {
      return "an array";
    }
    String s = o instanceof String ? "\"" + o + "\"" : o.toString();
    s =
        s.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private SnapshotException fail(String what) {
    return new SnapshotException(source + ": " + what);
  }
}
