package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against Node's URL (ada): a generated corpus (schemes, userinfo, IPv4 in
 * decimal/hex/octal forms, IPv6, percent-encoding, Unicode hosts, dot segments, backslashes,
 * whitespace) goes through one node process; href, host, pathname, search and hash must agree, and
 * so must success or failure.
 */
class NodeDifferentialTest {
  private static final JsonFactory JSON = new JsonFactory();

  @TempDir Path tmp;

  @Test
  void agreesWithNodeOnAGeneratedCorpus() throws Exception {
    Assumptions.assumeTrue(nodeAvailable(), "node is not installed: differential test skipped");
    List<String[]> corpus = UrlCorpus.generate(new Random(20261127), 4000);
    for (String u : UrlCorpus.realistic(new Random(3), 1000)) {
      corpus.add(new String[] {u, null});
    }
    Path script = tmp.resolve("url-oracle.js");
    try (InputStream in = getClass().getResourceAsStream("url-oracle.js")) {
      Files.copy(in, script);
    }
    Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(false).start();
    Thread feeder =
        new Thread(
            () -> {
              try (Writer w =
                      new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
                  JsonGenerator g = JSON.createGenerator(w)) {
                g.setRootValueSeparator(null);
                for (String[] c : corpus) {
                  g.writeStartArray();
                  g.writeString(c[0]);
                  g.writeString(c[1]);
                  g.writeEndArray();
                  g.writeRaw('\n');
                }
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    feeder.start();
    List<Map<String, Object>> answers = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        answers.add(parseObject(line));
      }
    } finally {
      feeder.join(60_000);
      if (!node.waitFor(60, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    assertEquals(corpus.size(), answers.size(), "one answer per input from node");

    List<String> disagreements = new ArrayList<>();
    int parsed = 0;
    int caret = 0;
    int dotDot = 0;
    for (int i = 0; i < corpus.size(); i++) {
      String input = corpus.get(i)[0];
      String baseText = corpus.get(i)[1];
      Map<String, Object> node0 = answers.get(i);
      String ours;
      try {
        WhatwgUrl base = baseText == null ? null : WhatwgUrl.parse(baseText);
        WhatwgUrl u = WhatwgUrl.parse(input, base);
        ours =
            "ok "
                + u.href()
                + " | "
                + u.host()
                + " | "
                + u.pathname()
                + " | "
                + u.search()
                + " | "
                + u.hash();
        parsed++;
      } catch (InvalidUrlException e) {
        ours = "failure";
      }
      String theirs =
          Boolean.TRUE.equals(node0.get("ok"))
              ? "ok "
                  + node0.get("href")
                  + " | "
                  + node0.get("host")
                  + " | "
                  + node0.get("pathname")
                  + " | "
                  + node0.get("search")
                  + " | "
                  + node0.get("hash")
              : "failure";
      if (ours.equals(theirs)) {
        continue;
      }
      if (ours.replace("%5E", "^").equals(theirs)) {
        caret++; // the Standard now encodes ^ in paths (WPT expects %5E); Node 20's ada predates it
        continue;
      }
      if (isNodeEmptyPathAfterDotDot(input, ours, theirs)) {
        dotDot++;
        continue;
      }
      {
        disagreements.add(
            UrlTestDataTest.escape(input)
                + " base "
                + UrlTestDataTest.escape(baseText)
                + "\n   ours: "
                + ours
                + "\n   node: "
                + theirs);
      }
    }
    assertTrue(parsed > corpus.size() / 2, "the corpus must mostly parse: " + parsed);
    System.out.printf(
        "node differential: %d inputs, %d parsed, %d identical, %d known (^ in path: %d,"
            + " '..' at the end of a non-special path: %d), %d disagreements%n",
        corpus.size(),
        parsed,
        corpus.size() - caret - dotDot - disagreements.size(),
        caret + dotDot,
        caret,
        dotDot,
        disagreements.size());
    assertTrue(
        disagreements.isEmpty(),
        disagreements.size()
            + " of "
            + corpus.size()
            + " disagree:\n"
            + String.join("\n", disagreements.subList(0, Math.min(40, disagreements.size()))));
  }

  /**
   * Node 20's ada gives a non-special URL whose path ends in ".." (e.g. {@code foo://h/a/..}) an
   * empty path; the Standard's path state appends an empty segment after shortening (the ".." is
   * not followed by '/'), so the path is "/". stackscope follows the Standard.
   */
  private static boolean isNodeEmptyPathAfterDotDot(String input, String ours, String theirs) {
    String path = input.replaceAll("(?s)[?#].*", "").trim();
    if (!path.endsWith("..")) {
      return false;
    }
    String[] o = ours.split(" \\| ", -1);
    String[] t = theirs.split(" \\| ", -1);
    return o.length == 5
        && t.length == 5
        && o[2].equals("/")
        && t[2].isEmpty()
        && o[1].equals(t[1])
        && o[3].replace("%5E", "^").equals(t[3])
        && o[4].equals(t[4]);
  }

  private static Map<String, Object> parseObject(String line) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      p.nextToken();
      java.util.Map<String, Object> m = new java.util.HashMap<>();
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = p.currentName();
        com.fasterxml.jackson.core.JsonToken t = p.nextToken();
        m.put(
            name,
            t == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
                ? Boolean.TRUE
                : t == com.fasterxml.jackson.core.JsonToken.VALUE_FALSE
                    ? Boolean.FALSE
                    : p.getText());
      }
      return m;
    }
  }

  static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
