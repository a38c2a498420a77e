package dev.stackscope.cli.stack;

import dev.stackscope.fleet.HostFacts;
import dev.stackscope.fleet.SnapshotDocument;
import dev.stackscope.stack.RuleMatch;
import dev.stackscope.stack.StackMap;
import dev.stackscope.stack.StackMap.Component;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack map as JSON: the map's fields in their order, as the JSON writer writes records, with
 * each component's rule in words ({@link RuleWords}). Fields are taken as the records have them, so
 * a field added to a component is in the JSON without a change here.
 */
public final class StackJson {
  private StackJson() {}

  /** {@code stack --json}: the snapshot document (docs/snapshot.md). */
  public static Map<String, Object> snapshot(HostFacts host, StackMap map) {
    Map<String, Object> doc = SnapshotDocument.of(host, map);
    doc.put("components", components(map.components()));
    return doc;
  }

  /** One frame of {@code stack --watch --json}: the map alone. */
  static Map<String, Object> map(StackMap map) {
    Map<String, Object> doc = fields(map);
    doc.put("components", components(map.components()));
    return doc;
  }

  private static List<Map<String, Object>> components(List<Component> components) {
    List<Map<String, Object>> out = new ArrayList<>(components.size());
    for (Component c : components) {
      Map<String, Object> fields = fields(c);
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        if (e.getValue() instanceof RuleMatch m) {
          e.setValue(RuleWords.of(m));
        }
      }
      out.add(fields);
    }
    return out;
  }

  private static Map<String, Object> fields(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        out.put(c.getName(), c.getAccessor().invoke(r));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
      }
    }
    return out;
  }
}
