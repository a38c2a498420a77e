package dev.stackscope.cli.ip;

import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rendered output against golden files in src/test/resources/dev/stackscope/cli/ip/: a change in
 * output is a reviewed diff. Regenerate with {@code -Dstackscope.updateGolden=true} ({@link
 * Golden}).
 */
class IpGoldenTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ip-cidr.txt       | ip 10.1.2.3/22",
        "ip-teredo.txt     | ip 2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "ip-range.txt      | ip 198.51.99.250-198.51.100.3",
        "ip-brief.txt      | ip -b 8.8.8.8 100.64.0.1 ::ffff:169.254.169.254 64:ff9b::8.8.8.8 2002:c0a8:101::1 ff05::2 fec0::1 2001:10::1 192.88.99.1",
        "ip-mixed.json     | ip --json 192.0.0.0/29 ff02::1",
      })
  void matchesGoldenFile(String file, String commandLine) throws Exception {
    Result r = new CliRunner().run(commandLine.split(" "));
    Golden.assertMatches("dev/stackscope/cli/ip/" + file, r.out());
  }
}
