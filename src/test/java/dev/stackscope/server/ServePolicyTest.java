package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServePolicyTest {
  private static final Map<String, String> ENV = Map.of("LANG", "C.UTF-8", "PATH", "/usr/bin");

  private static Optional<String> reason(String... args) {
    return ServePolicy.declineReason(command(List.of(args)), List.of(args), ENV, ENV);
  }

  private static String command(List<String> args) {
    return new dev.stackscope.cli.ServedCommands().command(args);
  }

  @Test
  void servesTheHostStateCommandsWithGlobalOptionsAnywhere() {
    for (String[] args :
        new String[][] {
          {"tree", "-p"},
          {"--json", "ps"},
          {"ports", "-a", "--json"},
          {"--color", "never", "stack"},
          {"--width", "80", "proc", "1"},
          {"dns", "trace", "example.test"},
          {"explain", "http://x/"},
          {"ifaces"},
          {"signal", "1", "0"},
          {"tree", "--", "--watch"},
          {"url", "http://a/"},
          {"url", "--url-file", "-"},
          {"ip", "10.0.0.1"},
          {"ip"}
        }) {
      assertEquals(Optional.empty(), reason(args), String.join(" ", args));
    }
  }

  @Test
  void declinesWhatNeedsTheCallersTerminalOrLogging() {
    assertEquals(Optional.of("--watch needs a fresh JVM"), reason("tree", "--watch"));
    assertEquals(Optional.of("--watch needs a fresh JVM"), reason("ports", "--watch=2s"));
    assertEquals(Optional.of("--debug needs a fresh JVM"), reason("--debug", "ports"));
    assertEquals(Optional.of("--help needs a fresh JVM"), reason("ps", "--help"));
    assertEquals(Optional.of("-h needs a fresh JVM"), reason("stack", "-h"));
    assertEquals(Optional.of("--svg needs a fresh JVM"), reason("stack", "--svg", "map.svg"));
    for (String[] args :
        new String[][] {
          {"shell"}, {"--version"}, {}, {"completion", "bash"}, {"nat"}, {"no-such-command"}
        }) {
      assertEquals(Optional.of("not a served command"), reason(args), String.join(" ", args));
    }
  }

  @Test
  void declinesHelpAndVersionInAClusterOfShortOptions() {
    assertEquals(Optional.of("-h needs a fresh JVM"), reason("tree", "-ph"));
    assertEquals(Optional.of("-h needs a fresh JVM"), reason("ports", "-ah", "--json"));
    assertEquals(Optional.of("-V needs a fresh JVM"), reason("tree", "-aV"));
    assertEquals(Optional.empty(), reason("tree", "-pa", "-H", "1"), "a cluster without -h or -V");
    assertEquals(Optional.empty(), reason("tree", "--", "-ph"), "after --: an operand");
  }

  @Test
  void declinesArgumentFilesWhichPicocliReadsRelativeToTheServersDirectory() {
    assertEquals(Optional.of("an @file argument needs a fresh JVM"), reason("tree", "@args"));
    assertEquals(
        Optional.of("an @file argument needs a fresh JVM"), reason("tree", "--", "@/tmp/opts"));
    assertEquals(Optional.empty(), reason("tree", "@"), "a lone @ is not expanded");
  }

  @Test
  void declinesWhenTheLocaleOrTimeZoneDiffersFromTheServers() {
    Map<String, String> client = Map.of("LANG", "C.UTF-8", "TZ", "Asia/Tokyo");
    Optional<String> r = ServePolicy.declineReason("ps", List.of("ps"), client, ENV);
    assertEquals(Optional.of("TZ differs from the server's"), r);
    r = ServePolicy.declineReason("ps", List.of("ps"), Map.of("LANG", "de_DE.UTF-8"), ENV);
    assertEquals(Optional.of("LANG differs from the server's"), r);
    r =
        ServePolicy.declineReason(
            "ps",
            List.of("ps"),
            Map.of("LANG", "C.UTF-8", "JAVA_TOOL_OPTIONS", "-Duser.timezone=Asia/Tokyo"),
            ENV);
    assertEquals(Optional.of("JAVA_TOOL_OPTIONS differs from the server's"), r);
    assertTrue(
        ServePolicy.declineReason("ps", List.of("ps"), Map.of("LANG", "C.UTF-8", "PATH", "/x"), ENV)
            .isEmpty(),
        "other variables travel with the request");
  }

  @Test
  void theServerKeepsOnlyWhatItsJvmReadAtStartUp() {
    Map<String, String> started =
        Map.of(
            "LANG",
            "C.UTF-8",
            "TZ",
            "UTC",
            "AWS_SECRET_ACCESS_KEY",
            "x",
            "PATH",
            "/usr/bin",
            "HOME",
            "/root");
    assertEquals(Map.of("LANG", "C.UTF-8", "TZ", "UTC"), ServePolicy.fixedAtStart(started));
  }
}
