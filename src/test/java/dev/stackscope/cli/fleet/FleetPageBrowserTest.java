package dev.stackscope.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet --html} opened in a real browser: headless Chromium (Debian's chromium) runs the
 * page's script from a file, offline, and the test reads the DOM it rendered ({@code --dump-dom})
 * and takes a screenshot.
 */
class FleetPageBrowserTest {
  static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path p = Path.of(d.isEmpty() ? "." : d, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  static List<String> browser(String chromium, Path profile, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox", // as root
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile,
                // the page needs no network: Chromium's own requests have nowhere to go either
                "--proxy-server=127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void thePageDrawsEveryHostAndComponentInABrowser(@TempDir Path dir) throws Exception {
    String chromium = chromium();
    assumeTrue(chromium != null, "chromium is not installed (Debian: chromium)");
    Path page = dir.resolve("fleet.html");
    CliRunner.Result r =
        FleetCommandTest.run("fleet", "--html", page.toString(), FleetCommandTest.BEFORE);
    assertEquals(0, r.exitCode(), r.toString());

    CliRunner.Result dom =
        CliRunner.exec(
            dir,
            Map.of(),
            Duration.ofSeconds(90),
            browser(chromium, dir.resolve("profile"), "--dump-dom", page.toUri().toString()));
    assertEquals(0, dom.exitCode(), dom.toString());
    String html = dom.out();
    // rendered by the script: one group per host, one per component, with its host
    assertEquals(List.of("h1", "h2", "h3"), attributes(html, "g class=\"host\" data-host"));
    List<String> components = attributes(html, "data-key");
    assertTrue(
        components.containsAll(
            List.of("haproxy@h1", "nginx@h2", "gunicorn@h2", "postgres@h3", "redis@h3")),
        components.toString());
    assertTrue(
        html.contains("data-key=\"postgres@h3\" data-role=\"database\" data-host=\"h3\""), html);
    assertEquals(4, count(html, "class=\"edge"), "one path per edge: " + html);
    assertTrue(html.contains("3 hosts, 5 components, 4 edges (3 across hosts)"), html);
    assertTrue(html.contains("id=\"external-list\""), html);
    assertTrue(html.contains("<option value=\"database\">database</option>"), html);

    Path shot = dir.resolve("fleet.png");
    CliRunner.Result png =
        CliRunner.exec(
            dir,
            Map.of(),
            Duration.ofSeconds(90),
            browser(
                chromium,
                dir.resolve("profile"),
                "--screenshot=" + shot,
                "--window-size=1100,500",
                page.toUri().toString()));
    assertEquals(0, png.exitCode(), png.toString());
    byte[] image = Files.readAllBytes(shot);
    assertTrue(image.length > 5000, "a screenshot of " + image.length + " bytes");
    assertEquals((byte) 0x89, image[0]);
    assertEquals('P', image[1]);
  }

  private static List<String> attributes(String html, String prefix) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }
}
