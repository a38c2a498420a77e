package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --append}, {@code --delete} and {@code --sort-query} against Node's {@code
 * URLSearchParams} (a WHATWG-conformant implementation) on 1,000 generated URLs: the href after the
 * edits must be the same. Skips when node is not installed.
 */
class SearchParamsNodeOracleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] PIECES = {
    "a",
    "b",
    "A",
    "é",
    "x y",
    "+",
    "%20",
    "%zz",
    "%C3%A9",
    "=",
    "",
    "ü€",
    "\uD83D\uDE00",
    "~!*'()",
    "?",
    "/",
    "#",
    "&amp",
    "%",
    "z"
  };
  // No opaque path ending in a space: Node 20 parses "data:x ?q" by an older Standard (it keeps the
  // space; today's Standard, and WPT, encode it as %20), which is parsing, not URLSearchParams.
  private static final String[] BASES = {
    "https://h.example/p",
    "http://h.example:8080/a/b",
    "sc://host/p",
    "mailto:me@x.example",
    "data:text/plain,hi",
    "file:///tmp/x",
    "https://u:p@h.example/"
  };

  @TempDir Path tmp;

  @Test
  void queryEditsAgreeWithNodeUrlSearchParams() throws Exception {
    Assumptions.assumeTrue(
        NodeDifferentialTest.nodeAvailable(),
        "node is not installed: URLSearchParams oracle skipped");
    Random random = new Random(20261205);
    List<Map<String, Object>> cases = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      StringBuilder url = new StringBuilder(BASES[random.nextInt(BASES.length)]);
      if (random.nextInt(4) > 0) {
        url.append('?');
        int pairs = random.nextInt(5);
        for (int k = 0; k < pairs; k++) {
          url.append(k > 0 ? "&" : "").append(piece(random));
          if (random.nextBoolean()) {
            url.append('=').append(piece(random));
          }
        }
      }
      if (random.nextInt(3) == 0) {
        url.append('#').append(piece(random));
      }
      List<List<String>> ops = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        switch (random.nextInt(3)) {
          case 0 -> ops.add(List.of("append", piece(random), piece(random)));
          case 1 -> ops.add(List.of("delete", piece(random)));
          default -> ops.add(List.of("sort"));
        }
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("url", url.toString());
      c.put("ops", ops);
      cases.add(c);
    }
    Path in = tmp.resolve("cases.json");
    JSON.writeValue(in.toFile(), cases);
    Path script = tmp.resolve("oracle.js");
    Files.writeString(
        script,
        "const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));\n"
            + "const out = cases.map(c => { let u; try { u = new URL(c.url); } catch (e) {"
            + " return null; }\n"
            + "  for (const op of c.ops) { if (op[0] === 'append') u.searchParams.append(op[1],"
            + " op[2]); else if (op[0] === 'delete') u.searchParams.delete(op[1]); else"
            + " u.searchParams.sort(); }\n"
            + "  return u.href; });\n"
            + "process.stdout.write(JSON.stringify(out));\n");
    Process node = new ProcessBuilder("node", script.toString(), in.toString()).start();
    byte[] stdout = node.getInputStream().readAllBytes();
    assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node finished");
    JsonNode answers = JSON.readTree(stdout);
    assertEquals(cases.size(), answers.size());
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < cases.size(); i++) {
      if (answers.get(i).isNull()) {
        continue;
      }
      compared++;
      String url = (String) cases.get(i).get("url");
      String ours = edit(url, castOps(cases.get(i).get("ops")));
      if (!answers.get(i).asText().equals(ours)) {
        failures.add(
            url
                + " "
                + cases.get(i).get("ops")
                + "\n  node: "
                + answers.get(i).asText()
                + "\n  ours: "
                + ours);
      }
    }
    assertTrue(compared > 900, "most generated URLs parse: " + compared);
    assertTrue(failures.isEmpty(), failures.size() + " differ:\n" + String.join("\n", failures));
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> castOps(Object o) {
    return (List<List<String>>) o;
  }

  private static String edit(String url, List<List<String>> ops) throws Exception {
    SearchParams params = null;
    WhatwgUrl u = WhatwgUrl.parse(url);
    // one op at a time: each runs the update steps, as in the browser
    for (List<String> op : ops) {
      params = SearchParams.of(u);
      switch (op.get(0)) {
        case "append" -> params.append(op.get(1), op.get(2));
        case "delete" -> params.delete(op.get(1));
        default -> params.sort();
      }
      u = params.applyTo(u);
    }
    return u.href();
  }

  private static String piece(Random random) {
    return PIECES[random.nextInt(PIECES.length)]
        + (random.nextInt(4) == 0 ? PIECES[random.nextInt(PIECES.length)] : "");
  }
}
