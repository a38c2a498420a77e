package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up's DNS over TLS and HTTPS runs must reach a verified answer: a line that failed (a
 * certificate the client refuses, a framing slip) would warm only the error path and leave the
 * handshake cold, silently, since the warm-up ignores failures.
 */
class TlsTrainingServerTest {
  @Test
  void everyEncryptedWarmUpLineGetsAVerifiedAnswer() throws Exception {
    Path ca;
    try (TlsTrainingServer server = TlsTrainingServer.start()) {
      ca = server.caFile();
      List<String[]> lines = server.lines();
      assertTrue(lines.stream().anyMatch(l -> List.of(l).contains("--tls")), "a DoT line");
      assertTrue(lines.stream().anyMatch(l -> List.of(l).contains("--https")), "a DoH line");
      for (String[] line : lines) {
        CliRunner.Result r = CliRunner.stackscope(withJson(line));
        String what = String.join(" ", line) + "\n" + r;
        assertEquals(0, r.exitCode(), what);
        JsonNode first = r.json().get(0);
        assertEquals(
            List.of(line).contains("--tls") ? "tls" : "https",
            first.get("protocol").asText(),
            what);
        assertTrue(first.get("tls").get("verified").asBoolean(), what);
        assertEquals("192.0.2.1", first.get("answer").get(0).get("data").asText(), what);
      }
      // the same certificate named for another host is refused: the runs verify as for any server
      CliRunner.Result wrong =
          CliRunner.stackscope(
              "dns",
              "resolve",
              "www.warm.train",
              "--server",
              "127.0.0.1:" + server.port(),
              "--tls",
              "--cacert",
              ca.toString(),
              "--tls-name",
              "other.test");
      assertEquals(1, wrong.exitCode(), wrong::toString);
      assertTrue(wrong.err().contains("does not verify"), wrong::toString);
    }
    assertTrue(Files.notExists(ca), "close() removes the certificate file");
  }

  /**
   * The warm server keeps the anchors of a --cacert text (PemAnchors), but every run reads the file
   * itself: another CA in it, or no file, is what the run sees.
   */
  @Test
  void aChangedOrRemovedCacertIsReadAgainByTheNextRun(@TempDir Path dir) throws Exception {
    try (TlsTrainingServer server = TlsTrainingServer.start();
        TlsTrainingServer other = TlsTrainingServer.start()) {
      Path ca = dir.resolve("ca.pem");
      String[] line = {
        "dns",
        "resolve",
        "www.warm.train",
        "--server",
        "127.0.0.1:" + server.port(),
        "--tls",
        "--cacert",
        ca.toString()
      };
      Files.copy(server.caFile(), ca);
      assertEquals(0, CliRunner.stackscope(line).exitCode());
      assertEquals(0, CliRunner.stackscope(line).exitCode());
      Files.copy(other.caFile(), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      CliRunner.Result refused = CliRunner.stackscope(line);
      assertEquals(1, refused.exitCode(), refused::toString);
      assertTrue(refused.err().contains("does not verify"), refused::toString);
      Files.delete(ca);
      CliRunner.Result gone = CliRunner.stackscope(line);
      assertEquals(2, gone.exitCode(), gone::toString);
      assertTrue(gone.err().contains("no such file"), gone::toString);
    }
  }

  @Test
  void theCertificateNamesLoopbackAndLastsTwoDays() throws Exception {
    var g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    var key = g.generateKeyPair();
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    X509Certificate c = (X509Certificate) TlsTrainingServer.SelfSigned.certificate(key, now);
    c.verify(key.getPublic());
    assertEquals(now.minusSeconds(86400), c.getNotBefore().toInstant());
    assertEquals(now.plusSeconds(86400), c.getNotAfter().toInstant());
    assertEquals(List.of(List.of(7, "127.0.0.1")), List.copyOf(c.getSubjectAlternativeNames()));
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(
                        TlsTrainingServer.SelfSigned.pem(c)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertEquals(c, parsed);
  }

  private static String[] withJson(String[] line) {
    if (List.of(line).contains("--json")) {
      return line;
    }
    String[] json = java.util.Arrays.copyOf(line, line.length + 1);
    json[line.length] = "--json";
    return json;
  }
}
