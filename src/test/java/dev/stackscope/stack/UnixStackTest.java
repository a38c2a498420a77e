package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.net.TcpDiag;
import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx → gunicorn over a Unix socket (the classic deployment): after one request the gthread
 * worker keeps nginx's upstream connection open (keep-alive 30 s, nginx {@code keepalive 4}), and
 * {@code stack} draws the edge nginx → gunicorn labelled with the socket's path.
 */
class UnixStackTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor();
    }
  }

  private Process launch(String name, List<String> cmd) throws IOException {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    started.add(p);
    return p;
  }

  @Test
  void nginxReachesGunicornOverItsUnixSocket() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String b : List.of("nginx", "gunicorn")) {
      if (MiniStack.which(b) == null) {
        missing.add(b);
      }
    }
    Assumptions.assumeTrue(
        missing.isEmpty(), "nginx → gunicorn over a Unix socket skipped, absent: " + missing);
    Assumptions.assumeTrue(
        new TcpDiag().enable(), "no sock_diag netlink here: no Unix-socket edges");
    // nginx's workers run as nobody under root: they must pass the directory to reach the socket
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sock = dir.resolve("g.sock");
    Files.writeString(
        dir.resolve("app.py"),
        "def app(environ, start_response):\n"
            + "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
            + "    return [b'hello from gunicorn\\n']\n");
    launch(
        "gunicorn",
        List.of(
            "gunicorn",
            "--bind",
            "unix:" + sock,
            "--worker-class",
            "gthread",
            "--threads",
            "2",
            "--keep-alive",
            "30",
            "--chdir",
            dir.toString(),
            "app:app"));
    int port = MiniStack.freePort();
    Path ng = Files.createDirectory(dir.resolve("nginx"));
    Files.createDirectory(ng.resolve("logs"));
    Files.writeString(
        ng.resolve("nginx.conf"),
        String.join(
            "\n",
            "worker_processes 1;",
            "pid " + ng + "/nginx.pid;",
            "error_log " + ng + "/logs/error.log;",
            "events { worker_connections 64; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + ng + "/body; proxy_temp_path " + ng + "/proxy;",
            "  fastcgi_temp_path " + ng + "/fcgi; uwsgi_temp_path " + ng + "/uwsgi;",
            "  scgi_temp_path " + ng + "/scgi;",
            "  upstream app { server unix:" + sock + "; keepalive 4; }",
            "  server {",
            "    listen 127.0.0.1:" + port + ";",
            "    location / { proxy_pass http://app; proxy_http_version 1.1;"
                + " proxy_set_header Connection \"\"; }",
            "  }",
            "}",
            ""));
    launch(
        "nginx",
        List.of(
            "nginx",
            "-p",
            ng.toString(),
            "-c",
            ng.resolve("nginx.conf").toString(),
            "-g",
            "daemon off;"));
    String body = null;
    for (int i = 0; i < 100 && body == null; i++) {
      body = get("http://127.0.0.1:" + port + "/");
      if (body == null) {
        Thread.sleep(200);
      }
    }
    assertEquals(
        "hello from gunicorn\n",
        body,
        "through nginx; gunicorn log: " + Files.readString(dir.resolve("gunicorn.log")));

    Result r = CliRunner.stackscope("stack", "--json");
    assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.toString());
    JsonNode map = r.json();
    String nginx = null;
    String gunicorn = null;
    for (JsonNode c : map.get("components")) {
      List<Integer> pids = new ArrayList<>();
      c.get("pids").forEach(p -> pids.add(p.asInt()));
      if (pids.contains((int) started.get(0).pid())) {
        gunicorn = c.get("id").asText();
        assertEquals("app", c.get("role").asText(), "a server on a Unix socket only: " + c);
      }
      if (pids.contains((int) started.get(1).pid())) {
        nginx = c.get("id").asText();
      }
    }
    boolean found = false;
    for (JsonNode e : map.get("unixEdges")) {
      if (e.get("from").asText().equals(nginx)
          && e.get("to").asText().equals(gunicorn)
          && e.get("path").asText().equals(sock.toString())) {
        found = e.get("count").asInt() >= 1;
        // the upstream block's server line (line 10 of nginx.conf) declares it too
        assertEquals("observed, declared", e.get("origin").asText(), e.toString());
        assertEquals("[\"nginx.conf:10\"]", e.get("declaredAt").toString(), e.toString());
      }
    }
    assertTrue(found, nginx + " → " + gunicorn + " unix:" + sock + " in " + map.get("unixEdges"));
    Result text = CliRunner.stackscope("stack");
    assertTrue(text.out().contains("→ " + gunicorn + " unix:" + sock), text.out());
  }

  private static String get(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(5000);
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return null;
    }
  }
}
