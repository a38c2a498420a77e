package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code explain --http} against the mini stack (haproxy → nginx → gunicorn): the HTTP step, and
 * the request path read from the stack's edges, with the pids of the processes the test started.
 * Other clients keep requests going through the stack, as on a server in use, so that each hop's
 * connections are there to be seen.
 */
class ExplainHttpMiniStackTest {
  static MiniStack stack;
  static final AtomicBoolean running = new AtomicBoolean(true);
  static final List<Thread> traffic = new ArrayList<>();

  @BeforeAll
  static void startStack() throws Exception {
    List<String> missing = MiniStack.missing();
    Assumptions.assumeTrue(missing.isEmpty(), "mini stack skipped, absent: " + missing);
    stack = MiniStack.start();
    assertTrue(stack.request(), "the stack answers through haproxy: " + stack.log("gunicorn"));
    for (int i = 0; i < 2; i++) {
      Thread t =
          new Thread(
              () -> {
                while (running.get()) {
                  stack.request();
                }
              });
      t.start();
      traffic.add(t);
    }
  }

  @AfterAll
  static void stopStack() throws InterruptedException {
    running.set(false);
    for (Thread t : traffic) {
      t.join();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theRequestPathGoesHaproxyNginxGunicorn() {
    CliRunner.Result r =
        CliRunner.stackscope(
            "explain", "http://127.0.0.1:" + stack.haproxyPort + "/", "--http", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode doc = r.json();
    assertTrue(doc.at("/connect/ok").asBoolean(), r.out());
    assertEquals(200, doc.at("/http/response/status").asInt(), r.out());
    assertEquals("1.1", doc.at("/http/response/version").asText());
    assertTrue(doc.at("/http/cache").isObject(), "the cache verdict is part of the step");
    JsonNode path = doc.get("requestPath");
    List<String> programs = new ArrayList<>();
    path.forEach(h -> programs.add(h.get("program").asText()));
    assertEquals(
        List.of("haproxy", "nginx", "gunicorn"),
        programs,
        () ->
            r.out()
                + "\nthe stack's edges sampled now: "
                + CliRunner.stackscope("stack", "--sample", "1s", "--json").json().get("edges"));
    assertEquals(stack.serverPid("haproxy"), path.get(0).get("pid").asLong());
    assertEquals(stack.serverPid("nginx"), path.get(1).get("pid").asLong());
    assertEquals(stack.serverPid("gunicorn"), path.get(2).get("pid").asLong());
    assertEquals(stack.haproxyPort, path.get(0).get("port").asInt());
    assertEquals(stack.nginxPort, path.get(1).get("port").asInt());
    assertEquals(stack.gunicornPort, path.get(2).get("port").asInt());
    assertEquals("load-balancer", path.get(0).get("role").asText());
  }

  @Test
  void theTextSaysTheStepAndThePath() {
    CliRunner.Result r =
        CliRunner.stackscope("explain", "127.0.0.1:" + stack.haproxyPort, "--http");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("HTTP/1.1 200"), r.out());
    String path =
        "haproxy pid "
            + stack.serverPid("haproxy")
            + " → nginx pid "
            + stack.serverPid("nginx")
            + " → gunicorn pid "
            + stack.serverPid("gunicorn");
    assertTrue(r.out().contains(path), path + " in\n" + r.out());
  }

  @Test
  void nothingListeningEndsAtTheConnectStep() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRunner.Result r = CliRunner.stackscope("explain", "127.0.0.1:" + closed, "--http", "--json");
    assertEquals(1, r.exitCode());
    assertTrue(r.json().get("http") == null, "no HTTP step without a connection: " + r.out());
  }
}
