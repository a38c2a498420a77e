package dev.stackscope.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.cli.stack.StackJson;
import dev.stackscope.fleet.FleetMap.FleetComponent;
import dev.stackscope.fleet.FleetMap.FleetEdge;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.Reach;
import dev.stackscope.output.JsonRenderer;
import dev.stackscope.stack.Confidence;
import dev.stackscope.stack.Role;
import dev.stackscope.stack.RuleMatch;
import dev.stackscope.stack.StackMap;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import dev.stackscope.stack.StackMap.External;
import dev.stackscope.stack.StackMap.Listener;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets for reading snapshots (docs/fuzzing.md; {@code fleet} and {@code diff} read files
 * from other machines). Without JAZZER_FUZZ they replay {@code SnapshotParserFuzzTestInputs/}.
 */
class SnapshotParserFuzzTest {
  /**
   * Any bytes: only {@link SnapshotException} escapes, its message one line starting with the
   * source's name; a snapshot read has unique component ids, edges and external endpoints naming
   * them, ports 0–65535, and merges (with itself under another machine-id) into a map whose every
   * edge joins two of its components.
   */
  @FuzzTest
  void snapshotBytes(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    Snapshot s;
    try {
      s = SnapshotParser.parse("fuzz.json", bytes);
    } catch (SnapshotException e) {
      assertTrue(e.getMessage().startsWith("fuzz.json: "), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      return;
    }
    Set<String> ids = new HashSet<>();
    for (Component c : s.map().components()) {
      assertTrue(ids.add(c.id()), c.id());
      assertFalse(c.pids().isEmpty());
      c.listeners().forEach(l -> assertTrue(l.port() >= 0 && l.port() <= 65535));
    }
    for (Edge e : s.map().edges()) {
      assertTrue(ids.contains(e.from()) && ids.contains(e.to()), e.toString());
    }
    for (External x : s.map().external()) {
      assertTrue(ids.contains(x.component()), x.toString());
    }
    Snapshot twin =
        new Snapshot(
            "twin.json", new HostFacts("twin", null, s.host().addresses(), null, null), s.map());
    FleetMap map = FleetMerger.merge(List.of(s, twin));
    Set<String> keys = new HashSet<>();
    for (FleetComponent c : map.components()) {
      assertTrue(keys.add(c.key()), c.key());
    }
    assertEquals(2 * s.map().components().size(), keys.size());
    for (FleetEdge e : map.edges()) {
      assertTrue(keys.contains(e.from()) && keys.contains(e.to()), e.toString());
    }
    assertFalse(FleetDiffer.diff(map, map).changed());
  }

  /**
   * A snapshot built from the fuzz data, written as {@code stack --json} writes it: read back, it
   * is the map that was written (addresses in canonical text).
   */
  @FuzzTest
  void roundTrip(FuzzedDataProvider data) throws SnapshotException {
    List<Component> components = new ArrayList<>();
    int n = data.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      List<Listener> listeners = new ArrayList<>();
      int l = data.consumeInt(0, 3);
      for (int j = 0; j < l; j++) {
        listeners.add(
            new Listener(
                "tcp", address(data), data.consumeInt(0, 65535), data.pickValue(Reach.values())));
      }
      components.add(
          new Component(
              "c" + i + data.consumeString(8),
              data.pickValue(Role.values()),
              data.consumeString(12),
              List.of(data.consumeInt(1, Integer.MAX_VALUE)),
              data.consumeBoolean() ? null : data.consumeString(8),
              new RuleMatch(RuleMatch.Kind.RECORDED, data.consumeString(20)),
              data.pickValue(Confidence.values()),
              listeners));
    }
    List<Edge> edges = new ArrayList<>();
    List<External> external = new ArrayList<>();
    if (n > 0) {
      int e = data.consumeInt(0, 4);
      for (int i = 0; i < e; i++) {
        edges.add(
            new Edge(
                components.get(data.consumeInt(0, n - 1)).id(),
                components.get(data.consumeInt(0, n - 1)).id(),
                data.consumeInt(0, 65535),
                data.consumeInt(0, 1000)));
        external.add(
            new External(
                components.get(data.consumeInt(0, n - 1)).id(),
                data.consumeBoolean() ? "in" : "out",
                address(data),
                data.consumeInt(0, 65535),
                data.consumeInt(1, 1000)));
      }
    }
    StackMap map = new StackMap(components, edges, external, List.of());
    HostFacts host =
        new HostFacts(
            data.consumeString(16),
            "0123abcd",
            List.of(address(data)),
            "2026-12-05T12:00:00Z",
            "t");
    StringWriter out = new StringWriter();
    JsonRenderer.write(StackJson.snapshot(host, map), out);
    Snapshot back =
        SnapshotParser.parse("written", out.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(host, back.host());
    assertEquals(map.edges(), back.map().edges());
    assertEquals(map.external(), back.map().external());
    assertEquals(map.components(), back.map().components());
  }

  private static String address(FuzzedDataProvider data) {
    IpAddress a =
        data.consumeBoolean()
            ? IpAddress.v4(data.consumeLong(0, 0xffffffffL))
            : IpAddress.v6(data.consumeLong(), data.consumeLong());
    return a.unmapped().toString();
  }
}
