package dev.stackscope.fleet;

import dev.stackscope.stack.StackMap;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host's snapshot as {@code stack --json} writes it (docs/snapshot.md): {@code schemaVersion},
 * {@code host}, then every field of the stack map in its order. The map's fields are taken as the
 * map has them, so a field added to the map is in the snapshot without a change here (additions
 * keep the schema version; a field renamed or removed, or a changed meaning, takes the next).
 */
public final class SnapshotDocument {
  /** The version of the snapshot format this build writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  private SnapshotDocument() {}

  /** The document's fields in order, for the output layer's JSON writer. */
  public static Map<String, Object> of(HostFacts host, StackMap map) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("host", host);
    for (RecordComponent c : StackMap.class.getRecordComponents()) {
      try {
        doc.put(c.getName(), c.getAccessor().invoke(map));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of the stack map", e);
      }
    }
    return doc;
  }
}
