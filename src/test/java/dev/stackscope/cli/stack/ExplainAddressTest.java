package dev.stackscope.cli.stack;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** explain's address literals go through ip's parser, and its class and meaning are ip's words. */
class ExplainAddressTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> firstAddress(Result r) {
    Map<String, Object> e = JsonValue.object(r.out());
    List<Object> addresses = (List<Object>) e.get("addresses");
    assertEquals(1, addresses.size(), r.out());
    return (Map<String, Object>) addresses.get(0);
  }

  @Test
  void aZonedLinkLocalLiteralIsExplained() {
    Result r = stackscope("explain", "[fe80::1%lo]:22", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> a = firstAddress(r);
    assertEquals("fe80::1%lo", a.get("address"));
    assertEquals("link-local", a.get("addressClass"));
    @SuppressWarnings("unchecked")
    Map<String, Object> resolution =
        (Map<String, Object>) JsonValue.object(r.out()).get("resolution");
    assertEquals("literal", resolution.get("method"));
    assertEquals(List.of("fe80::1%lo"), resolution.get("addresses"));
  }

  @ParameterizedTest
  @CsvSource({
    "[fc00::1]:80, fc00::1",
    "192.0.2.7:80, 192.0.2.7",
    "100.64.0.1:80, 100.64.0.1",
    "'[::ffff:10.0.0.1]:80', 10.0.0.1"
  })
  void classAndMeaningAreIpsVerdict(String target, String address) {
    Result explain = stackscope("explain", target, "--json");
    assertEquals(0, explain.exitCode(), explain.toString());
    Result ip = stackscope("ip", address, "--json");
    assertEquals(0, ip.exitCode(), ip.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> verdict =
        (Map<String, Object>) ((List<Object>) JsonValue.parse(ip.out())).get(0);
    Map<String, Object> a = firstAddress(explain);
    assertEquals(address, a.get("address"));
    assertEquals(verdict.get("verdict"), a.get("addressClass"));
    assertEquals(verdict.get("meaning"), a.get("meaning"));
  }

  @ParameterizedTest
  @CsvSource({"1.2.3:80, incomplete IPv4 address", "999.1.1.1:80, octet 999 is over 255"})
  void aBadLiteralIsAUsageErrorNotALookup(String target, String why) {
    Result r = stackscope("explain", target);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains(why), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
