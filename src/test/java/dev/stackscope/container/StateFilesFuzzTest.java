package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the container runtimes' state files: docker's config.v2.json and hostconfig.json,
 * podman's containers.json, an OCI config.json's annotations (docs/fuzzing.md). Without JAZZER_FUZZ
 * it replays {@code StateFilesFuzzTestInputs/stateFiles/}.
 */
class StateFilesFuzzTest {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Arbitrary bytes: no exception; every string kept is at most {@link StateFiles#MAX_STRING} long
   * and not empty; containers.json ids are not empty. Files written by a JSON generator with the
   * fuzzer's names and images read back to them (a docker name without its leading {@code /}).
   */
  @FuzzTest
  void stateFiles(FuzzedDataProvider data) throws IOException {
    String name = data.consumeString(80);
    String image = data.consumeString(80);
    String key = data.consumeString(40);
    byte[] bytes = data.consumeRemainingAsBytes();

    StateFiles.DockerConfig d = StateFiles.dockerConfig(bytes);
    for (String s : new String[] {d.name(), d.image(), d.pod(), d.podNamespace()}) {
      assertTrue(s == null || (!s.isEmpty() && s.length() <= StateFiles.MAX_STRING), d.toString());
    }
    Map<String, StateFiles.StorageContainer> storage = StateFiles.storageContainers(bytes);
    assertTrue(storage.size() <= StateFiles.MAX_ENTRIES);
    storage.forEach(
        (id, c) -> {
          assertFalse(id.isEmpty());
          assertTrue(c.name() == null || !c.name().isEmpty());
        });
    StateFiles.annotations(bytes)
        .forEach((k, v) -> assertTrue(v.length() <= StateFiles.MAX_STRING));

    ByteArrayOutputStream docker = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(docker)) {
      g.writeStartObject();
      g.writeStringField("ID", "x");
      g.writeObjectFieldStart("State");
      g.writeStringField("Name", "not this one");
      g.writeEndObject();
      g.writeStringField("Name", "/" + name);
      g.writeObjectFieldStart("Config");
      g.writeStringField("Image", image);
      g.writeObjectFieldStart("Labels");
      g.writeStringField(key, "v");
      g.writeStringField("io.kubernetes.pod.name", name);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    StateFiles.DockerConfig back = StateFiles.dockerConfig(docker.toByteArray());
    assertEquals(name.isEmpty() ? null : name, back.name());
    assertEquals(image.isEmpty() ? null : image, back.image());
    if (!key.equals("io.kubernetes.pod.name")) {
      assertEquals(name.isEmpty() ? null : name, back.pod());
    }

    ByteArrayOutputStream podman = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(podman)) {
      g.writeStartArray();
      g.writeStartObject();
      g.writeStringField("id", "c1");
      g.writeArrayFieldStart("names");
      g.writeString(name);
      g.writeEndArray();
      g.writeStringField("metadata", "{\"image-name\":" + quoted(image) + "}");
      g.writeEndObject();
      g.writeEndArray();
    }
    StateFiles.StorageContainer c = StateFiles.storageContainers(podman.toByteArray()).get("c1");
    assertEquals(name.isEmpty() ? null : name, c.name());
    assertEquals(image.isEmpty() ? null : image, c.image());
  }

  /**
   * Arbitrary bytes as docker's hostconfig.json: no exception; limits null or positive; every
   * binding's ports in 1-65535 and its host address at most {@link StateFiles#MAX_STRING} long. A
   * file written by a JSON generator with the fuzzer's numbers reads back to them.
   */
  @FuzzTest
  void dockerHostConfig(FuzzedDataProvider data) throws IOException {
    long memory = data.consumeLong();
    int port = data.consumeInt(1, 65535);
    String hostIp = data.consumeString(60);
    byte[] bytes = data.consumeRemainingAsBytes();

    ContainerConfig c = StateFiles.dockerHostConfig(bytes);
    if (c != null) {
      for (Long v : new Long[] {c.memory(), c.pidsLimit()}) {
        assertTrue(v == null || v > 0, c.toString());
      }
      assertTrue(c.cpus() == null || c.cpus() >= 0, c.toString());
      assertTrue(c.portBindings().size() <= StateFiles.MAX_BINDINGS);
      for (ContainerConfig.PortBinding b : c.portBindings()) {
        assertTrue(b.containerPort() >= 1 && b.containerPort() <= 65535, b.toString());
        assertTrue(b.hostPort() == null || (b.hostPort() >= 1 && b.hostPort() <= 65535));
        assertTrue(b.hostIp() == null || b.hostIp().length() <= StateFiles.MAX_STRING);
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("Memory", memory);
      g.writeObjectFieldStart("PortBindings");
      g.writeArrayFieldStart(port + "/tcp");
      g.writeStartObject();
      g.writeStringField("HostIp", hostIp);
      g.writeStringField("HostPort", Integer.toString(port));
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    ContainerConfig back = StateFiles.dockerHostConfig(out.toByteArray());
    assertEquals(memory > 0 ? memory : null, back.memory());
    assertEquals(
        List.of(
            new ContainerConfig.PortBinding(port, "tcp", hostIp.isEmpty() ? null : hostIp, port)),
        back.portBindings());
  }

  private static String quoted(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeString(s);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
