package dev.stackscope.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.testing.CliRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNSSEC against zones signed by ldns-signzone and served by NSD, with a validating Unbound (the
 * same trust anchor) as the oracle: secure ↔ AD, bogus ↔ SERVFAIL, insecure ↔ an answer without AD.
 * The root and test. are signed with NSEC, example.test. with NSEC3; sub.example.test. is an
 * unsigned child; lab. is signed but the root's DS for it belongs to another key.
 */
class SignedRealServersTest {
  private static RealHierarchy real;
  private static String hints;
  private static Path keys;
  private static final Map<String, String> keyBase = new HashMap<>();
  private static final Map<String, String> ds = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        RealHierarchy.onPath("ldns-keygen") && RealHierarchy.onPath("ldns-signzone"),
        "ldns-keygen/ldns-signzone absent: install ldnsutils (see .ci/run)");
    keys = Files.createTempDirectory("stackscope-ldns");
    for (String zone : List.of(".", "test.", "example.test.", "lab.")) {
      String base = run(keys, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", zone).strip();
      keyBase.put(zone, base);
      ds.put(zone, Files.readString(keys.resolve(base + ".ds")));
    }
    String strangerBase = run(keys, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", "lab.").strip();
    String strangerDs = Files.readString(keys.resolve(strangerBase + ".ds"));
    Path anchor = Files.writeString(keys.resolve("anchor.ds"), ds.get("."));
    real =
        RealHierarchy.start(
            (origin, file, text) -> {
              if (!keyBase.containsKey(origin) || file.equals("loop-server.test.zone")) {
                return text;
              }
              String children =
                  switch (origin) {
                    case "." -> ds.get("test.") + strangerDs;
                    case "test." -> ds.get("example.test.");
                    default -> "";
                  };
              Path in = Files.writeString(keys.resolve(file), text + "\n" + children);
              Path out = keys.resolve(file + ".signed");
              String nsec3 = origin.equals("example.test.") ? "-n" : "";
              List<String> cmd = new java.util.ArrayList<>(List.of("ldns-signzone"));
              if (!nsec3.isEmpty()) {
                cmd.add(nsec3);
              }
              cmd.addAll(
                  List.of("-o", origin, "-f", out.toString(), in.toString(), keyBase.get(origin)));
              run(keys, cmd.toArray(String[]::new));
              return Files.readString(out);
            },
            "  trust-anchor-file: \"" + anchor + "\"\n");
    hints = real.rootHints().toString();
    Files.copy(anchor, real.dir().resolve("anchor.ds"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (real != null) {
      real.close();
    }
    if (keys != null) {
      try (var walk = Files.walk(keys)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** stackscope's overall verdict for a trace. */
  private static String verdict(String name, String type) throws Exception {
    CliRunner.Result r =
        real.stackscope(
            "dns",
            "trace",
            name,
            type,
            "--json",
            "--root-hints",
            hints,
            "-4",
            "--timeout",
            "1000",
            "--trust-anchor",
            real.dir().resolve("anchor.ds").toString());
    JsonNode verdict = r.json().path("dnssec");
    assertTrue(verdict.path("status").isTextual(), name + ": " + r.out() + r.err());
    String status = verdict.path("status").asText();
    assertEquals(
        status.equals("bogus") ? 1 : name.startsWith("nope") ? 1 : 0, r.exitCode(), r.err());
    return status;
  }

  /** Unbound's view: secure (AD), bogus (SERVFAIL) or insecure (an answer without AD). */
  private static String unbound(String name, String type) throws Exception {
    String out =
        real.inside(
            Duration.ofSeconds(20),
            "dig",
            "+time=3",
            "+tries=1",
            "+dnssec",
            "@" + RealHierarchy.RESOLVER,
            name,
            type);
    if (out.contains("status: SERVFAIL")) {
      return "bogus";
    }
    String flags =
        out.substring(out.indexOf(";; flags:"), out.indexOf(";", out.indexOf(";; flags:") + 3));
    return flags.contains(" ad") ? "secure" : "insecure";
  }

  @Test
  void verdictsAgreeWithUnboundsValidator() throws Exception {
    String[][] cases = {
      {"www.example.test", "A", "secure"},
      {"www.example.test", "MX", "secure"}, // NODATA, NSEC3
      {"nope.example.test", "A", "secure"}, // NXDOMAIN, NSEC3
      {"alias.example.test", "A", "secure"},
      {"host.sub.example.test", "A", "insecure"},
      {"www.glueless.test", "A", "insecure"},
      {"www.example.lab", "A", "bogus"},
    };
    for (String[] c : cases) {
      assertEquals(c[2], unbound(c[0], c[1]), "Unbound on " + c[0] + " " + c[1]);
      assertEquals(c[2], verdict(c[0], c[1]), "stackscope on " + c[0] + " " + c[1]);
    }
  }

  @Test
  void resolveReportsTheValidatingResolversVerdict() throws Exception {
    Map<String, String> expected =
        Map.of(
            "secure",
            "DNSSEC: secure",
            "insecure",
            "DNSSEC: not validated",
            "bogus",
            "DNSSEC: unknown");
    for (String name : List.of("www.example.test", "host.sub.example.test", "www.example.lab")) {
      String oracle = unbound(name, "A");
      CliRunner.Result r =
          real.stackscope(
              "dns", "resolve", name, "A", "--dnssec", "--server", RealHierarchy.RESOLVER);
      assertTrue(
          r.out().contains(expected.get(oracle)), name + " (dig: " + oracle + "): " + r.out());
    }
  }
}
