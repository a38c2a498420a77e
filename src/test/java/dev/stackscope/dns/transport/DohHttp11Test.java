package dev.stackscope.dns.transport;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner.Result;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS over HTTPS when the server chooses HTTP/1.1 in ALPN (Python's http.server behind its ssl
 * module, on loopback, with a certificate openssl makes here): the queries of a run share one
 * keep-alive connection, and a server that closes after each reply gets a new connection per query.
 * The server logs each request's method and client port, the test's oracle for the connections.
 */
class DohHttp11Test {
  private static LoopbackDaemons daemons;
  private static int port;
  private static String cert;

  private static final String SERVER =
      """
      import base64, http.server, ssl, struct, sys
      class H(http.server.BaseHTTPRequestHandler):
          protocol_version = "HTTP/1.1"
          def reply(self, q):
              i = 12
              while q[i] != 0:
                  i += q[i] + 1
              i += 5
              qtype = struct.unpack(">H", q[i - 4:i - 2])[0]
              an = b"\\xc0\\x0c\\x00\\x01\\x00\\x01\\x00\\x00\\x01\\x2c\\x00\\x04\\xc0\\x00\\x02\\x07" if qtype == 1 else b""
              r = q[:2] + b"\\x81\\x80\\x00\\x01" + struct.pack(">H", 1 if an else 0) + b"\\x00" * 4 + q[12:i] + an
              close = self.path.startswith("/close")
              print(self.command, self.client_address[1], flush=True)
              self.send_response(200)
              self.send_header("content-type", "application/dns-message")
              self.send_header("content-length", str(len(r)))
              if close:
                  self.send_header("connection", "close")
                  self.close_connection = True
              self.end_headers()
              self.wfile.write(r)
          def do_POST(self):
              self.reply(self.rfile.read(int(self.headers["content-length"])))
          def do_GET(self):
              q = self.path.split("dns=")[1]
              self.reply(base64.urlsafe_b64decode(q + "=" * (-len(q) % 4)))
          def log_message(self, *args):
              pass
      ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
      ctx.load_cert_chain(sys.argv[2], sys.argv[3])
      ctx.set_alpn_protocols(["http/1.1"])
      s = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H)
      s.socket = ctx.wrap_socket(s.socket, server_side=True)
      s.serve_forever()
      """;

  @BeforeAll
  static void start() throws Exception {
    LoopbackDaemons.require("python3 openssl", "python3", "openssl");
    daemons = new LoopbackDaemons();
    try {
      cert = daemons.certificate("dns", "DNS:dns.h1.test,IP:127.0.0.1").toString();
      port = LoopbackDaemons.freePort();
      var script = daemons.write("doh.py", SERVER);
      daemons.start(
          "doh",
          "python3",
          "-u",
          script.toString(),
          String.valueOf(port),
          cert,
          daemons.dir().resolve("dns.key").toString());
      daemons.awaitTcp(port);
    } catch (Exception | AssertionError e) {
      daemons.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    if (daemons != null) {
      daemons.close();
    }
  }

  /** The client ports of the requests logged since {@code from} lines, with their method. */
  private static List<String[]> requests(int from) throws Exception {
    List<String[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(daemons.dir().resolve("doh.out"));
    for (String l : lines.subList(Math.min(from, lines.size()), lines.size())) {
      if (l.matches("(GET|POST) [0-9]+")) {
        out.add(l.split(" "));
      }
    }
    return out;
  }

  private static int logged() throws Exception {
    return Files.readAllLines(daemons.dir().resolve("doh.out")).size();
  }

  @Test
  void theQueriesOfARunShareOneKeepAliveConnection() throws Exception {
    for (String method : List.of("POST", "GET")) {
      int before = logged();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "dns",
                  "resolve",
                  "www.h1.test",
                  "A",
                  "AAAA",
                  "TXT",
                  "--https",
                  "https://127.0.0.1:" + port + "/dns-query",
                  "--cacert",
                  cert,
                  "--json"));
      if (method.equals("GET")) {
        args.add("--get");
      }
      Result r = stackscope(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r::toString);
      JsonNode docs = r.json();
      assertEquals(3, docs.size(), r::toString);
      assertEquals("192.0.2.7", docs.get(0).get("answer").get(0).get("data").asText(), r::toString);
      for (int i = 0; i < 3; i++) {
        JsonNode tls = docs.get(i).get("tls");
        assertEquals("http/1.1", tls.get("alpn").asText(), r::toString);
        assertEquals(method, tls.get("method").asText());
        assertEquals(i > 0, tls.get("reused").asBoolean(), r::toString);
        assertEquals(i == 0, tls.hasNonNull("handshakeMs"), r::toString);
      }
      List<String[]> seen = requests(before);
      assertEquals(3, seen.size(), () -> "the server's log: " + seen.size() + " requests");
      assertTrue(seen.stream().allMatch(s -> s[0].equals(method)), method);
      assertEquals(1, seen.stream().map(s -> s[1]).distinct().count(), "one connection");
    }
  }

  @Test
  void aServerThatClosesAfterEachReplyGetsAConnectionPerQuery() throws Exception {
    int before = logged();
    Result r =
        stackscope(
            "dns",
            "resolve",
            "www.h1.test",
            "A",
            "AAAA",
            "--https",
            "https://127.0.0.1:" + port + "/close",
            "--cacert",
            cert,
            "--json");
    assertEquals(0, r.exitCode(), r::toString);
    for (JsonNode doc : r.json()) {
      assertFalse(doc.get("tls").get("reused").asBoolean(), r::toString);
    }
    List<String[]> seen = requests(before);
    assertEquals(2, seen.size());
    assertEquals(2, seen.stream().map(s -> s[1]).distinct().count(), "a connection each");
  }

  @Test
  void aTokenInTheUrlIsMaskedUnlessRevealed() throws Exception {
    String url = "https://127.0.0.1:" + port + "/dns-query?token=s3cr3tvalue";
    Result masked =
        stackscope(
            "dns", "resolve", "www.h1.test", "A", "--https", url, "--cacert", cert, "--json");
    assertEquals(0, masked.exitCode(), masked::toString);
    String shown = masked.json().get(0).get("tls").get("url").asText();
    assertFalse(shown.contains("s3cr3tvalue"), shown);
    assertTrue(shown.startsWith("https://127.0.0.1:" + port + "/dns-query?token="), shown);
    Result text =
        stackscope("dns", "resolve", "www.h1.test", "A", "--https", url, "--cacert", cert);
    assertEquals(0, text.exitCode(), text::toString);
    assertFalse(text.out().contains("s3cr3tvalue"), text.out());
    Result revealed =
        stackscope(
            "dns",
            "resolve",
            "www.h1.test",
            "A",
            "--https",
            url,
            "--cacert",
            cert,
            "--json",
            "--reveal");
    assertEquals(url, revealed.json().get(0).get("tls").get("url").asText());
  }
}
