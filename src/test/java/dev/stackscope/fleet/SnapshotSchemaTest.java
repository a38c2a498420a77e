package dev.stackscope.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.FixtureHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code stack --json} is the snapshot docs/snapshot.schema.json describes, and what it writes
 * {@link SnapshotParser} reads back. The checker below knows the keywords the schema uses (type,
 * const, enum, required, properties, items, minItems, minimum, maximum, pattern).
 */
class SnapshotSchemaTest {
  static final Path SCHEMA =
      Path.of(System.getProperty("stackscope.repo", ".")).resolve("docs/snapshot.schema.json");

  static JsonNode schema() throws Exception {
    return new ObjectMapper().readTree(SCHEMA.toFile());
  }

  static JsonNode fixtureSnapshot() {
    CliRunner.Result r = FixtureHost.runner().run("stack", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    return r.json();
  }

  @Test
  void stackJsonIsASnapshotOfTheDocumentedSchema() throws Exception {
    JsonNode doc = fixtureSnapshot();
    List<String> problems = new ArrayList<>();
    check(schema(), doc, "$", problems);
    assertEquals(List.of(), problems);
    assertEquals(
        SnapshotDocument.SCHEMA_VERSION, schema().at("/properties/schemaVersion/const").asInt());
    assertEquals("3f1c2b9a8d7e4f60a1b2c3d4e5f60718", doc.at("/host/machineId").asText());
    assertEquals("2026-12-05T12:00:00Z", doc.at("/host/time").asText());
    assertTrue(doc.at("/components").size() > 0, doc.toString());
  }

  @Test
  void theCheckerFindsADocumentThatBreaksTheSchema() throws Exception {
    ObjectNode doc = (ObjectNode) fixtureSnapshot();
    doc.put("schemaVersion", 2);
    ((ObjectNode) doc.get("host")).remove("machineId");
    ((ObjectNode) doc.at("/components/0/listeners/0")).put("port", 70000);
    List<String> problems = new ArrayList<>();
    check(schema(), doc, "$", problems);
    assertEquals(
        List.of(
            "$.schemaVersion: not the constant 1",
            "$.host: no machineId",
            "$.components[0].listeners[0].port: above 65535"),
        problems);
  }

  @Test
  void whatStackWritesTheParserReadsBack() throws Exception {
    JsonNode doc = fixtureSnapshot();
    Snapshot s = SnapshotParser.parse("fixture", doc.toString().getBytes());
    assertEquals("web1.example.internal", s.host().name());
    assertEquals(doc.get("components").size(), s.map().components().size());
    assertEquals(doc.get("external").size(), s.map().external().size());
    assertEquals(
        doc.at("/components/0/listeners/0/scope").asText(),
        s.map().components().get(0).listeners().get(0).scope().toString());
  }

  static void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (schema.has("const") && !schema.get("const").equals(value)) {
      problems.add(at + ": not the constant " + schema.get("const"));
      return;
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      problems.add(at + ": not of type " + schema.get("type"));
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        problems.add(at + ": " + value + " is none of " + schema.get("enum"));
      }
    }
    if (schema.has("minimum")
        && value.isNumber()
        && value.asLong() < schema.get("minimum").asLong()) {
      problems.add(at + ": below " + schema.get("minimum"));
    }
    if (schema.has("maximum")
        && value.isNumber()
        && value.asLong() > schema.get("maximum").asLong()) {
      problems.add(at + ": above " + schema.get("maximum"));
    }
    if (schema.has("pattern")
        && value.isTextual()
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      problems.add(at + ": does not match " + schema.get("pattern"));
    }
    if (value.isObject()) {
      for (JsonNode r : schema.path("required")) {
        if (!value.has(r.asText())) {
          problems.add(at + ": no " + r.asText());
        }
      }
      schema
          .path("properties")
          .fields()
          .forEachRemaining(
              p -> {
                if (value.has(p.getKey())) {
                  check(p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), problems);
                }
              });
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
        problems.add(at + ": fewer than " + schema.get("minItems") + " items");
      }
      if (schema.has("items")) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
        }
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new IllegalArgumentException("type " + type);
    };
  }
}
