package dev.stackscope.stack.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz targets for the parsers of declared edges (docs/fuzzing.md): nginx and haproxy configuration
 * and connection URLs in an environment. Without JAZZER_FUZZ they replay {@code
 * DeclaredConfigFuzzTestInputs/}.
 */
class DeclaredConfigFuzzTest {
  /** An empty root: an include in fuzzed text finds nothing of this machine's. */
  private static final Path EMPTY;

  static {
    try {
      EMPTY = Files.createTempDirectory("stackscope-fuzz-root");
      EMPTY.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every declaration names a Unix socket or a host and a port 1-65535, at a line of the text. */
  private static void wellFormed(List<Declaration> ds, String text) {
    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    for (Declaration d : ds) {
      if (d.unixPath() != null) {
        assertTrue(!d.unixPath().isEmpty() && d.host() == null && d.port() == 0, d.toString());
      } else {
        assertNotNull(d.host(), d.toString());
        assertTrue(!d.host().isEmpty(), d.toString());
        assertTrue(d.port() >= 1 && d.port() <= 65535, d.toString());
      }
      if (d.file() != null) {
        assertTrue(d.line() >= 1 && d.line() <= lines, d.line() + " of " + lines);
      }
    }
  }

  /**
   * Arbitrary nginx text after a known upstream block and pass: no exception, well-formed
   * declarations, and the known server among them with its line.
   */
  @FuzzTest
  void nginx(FuzzedDataProvider data) {
    int port = data.consumeInt(1, 65535);
    String text = data.consumeRemainingAsString();
    String known =
        "upstream zz_known { server 127.0.0.1:" + port + "; }\nproxy_pass http://zz_known;\n";
    String all = known + text;
    List<Declaration> ds =
        NginxConfig.parse(new ConfigFiles(EMPTY), 1, "/etc/nginx/nginx.conf", all);
    wellFormed(ds, all);
    assertTrue(
        ds.stream().anyMatch(d -> d.line() == 1 && ("127.0.0.1:" + port).equals(d.target())),
        ds.toString());
  }

  /** Arbitrary haproxy text after a known backend: the same invariants. */
  @FuzzTest
  void haproxy(FuzzedDataProvider data) {
    int port = data.consumeInt(1, 65535);
    String text = data.consumeRemainingAsString();
    String all = "backend zz\n  server s1 127.0.0.1:" + port + " check\n" + text;
    List<Declaration> ds = HaproxyConfig.parse(1, "/etc/haproxy/haproxy.cfg", all);
    wellFormed(ds, all);
    assertEquals("127.0.0.1:" + port, ds.get(0).target());
    assertEquals(2, ds.get(0).line());
  }

  /**
   * An arbitrary environment after a known DATABASE_URL: well-formed declarations, the known one
   * first, and its password in none of them.
   */
  @FuzzTest
  void environment(FuzzedDataProvider data) {
    int port = data.consumeInt(1, 65535);
    String text = data.consumeRemainingAsString();
    String env = "DATABASE_URL=postgres://u:Zq9SecretPw@127.0.0.1:" + port + "/db\0" + text;
    List<Declaration> ds = EnvironmentUrls.parse(1, "app", env);
    wellFormed(ds, env);
    assertEquals("127.0.0.1:" + port, ds.get(0).target());
    if (!text.contains("Zq9SecretPw")) {
      for (Declaration d : ds) {
        assertTrue(!d.toString().contains("Zq9SecretPw"), d.toString());
      }
    }
  }
}
