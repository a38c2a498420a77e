package dev.stackscope.cli;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.cli.DurationOption.BareUnit;
import dev.stackscope.testing.CliRunner.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The option types shared by several commands: durations, ports, regular expressions. */
class SharedOptionTypesTest {
  @Test
  void durationsTakeUnitsAndABareNumberInTheOptionsOldUnit() {
    assertEquals(Duration.ofMillis(500), DurationOption.parse("500ms", BareUnit.SECONDS));
    assertEquals(Duration.ofSeconds(2), DurationOption.parse("2s", BareUnit.MILLISECONDS));
    assertEquals(Duration.ofMillis(1500), DurationOption.parse("1.5s", BareUnit.MILLISECONDS));
    assertEquals(Duration.ofMinutes(1), DurationOption.parse("1m", BareUnit.MILLISECONDS));
    assertEquals(Duration.ofMillis(2000), DurationOption.parse("2000", BareUnit.MILLISECONDS));
    assertEquals(Duration.ofSeconds(3), DurationOption.parse("3", BareUnit.SECONDS));
    assertEquals(Duration.ofMillis(500), DurationOption.parse("0.5", BareUnit.SECONDS));
    assertEquals(Duration.ofMillis(250), DurationOption.parse(" 250MS ", BareUnit.SECONDS));
    // a sign is read so that the range check, not the parser, names the bound
    assertEquals(Duration.ofMillis(-1), DurationOption.parse("-1", BareUnit.MILLISECONDS));
  }

  @Test
  void textThatIsNoDurationIsRefusedWithTheAcceptedForms() {
    for (String bad :
        new String[] {"", "soon", "2h", "1e3", "1.5.2", "s", "0x10", "9999999999999"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DurationOption.parse(bad, BareUnit.MILLISECONDS),
              bad);
      assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
      assertTrue(e.getMessage().contains("bare number of milliseconds"), e.getMessage());
    }
    IllegalArgumentException fine =
        assertThrows(
            IllegalArgumentException.class, () -> DurationOption.parse("0.5ms", BareUnit.SECONDS));
    assertEquals("'0.5ms' is finer than a millisecond", fine.getMessage());
    assertThrows(TypeConversionException.class, () -> new DurationOption.Seconds().convert("x"));
  }

  @Test
  void rangeProblemsAreWrittenInTheOptionsUnit() {
    Duration ms = Duration.ofMillis(1);
    Duration minute = Duration.ofSeconds(60);
    assertEquals(
        "--timeout must be at least 1 ms",
        DurationOption.problem("--timeout", Duration.ZERO, ms, minute, BareUnit.MILLISECONDS));
    assertEquals(
        "--timeout must be at most 60000 ms",
        DurationOption.problem(
            "--timeout", Duration.ofSeconds(61), ms, minute, BareUnit.MILLISECONDS));
    assertEquals(
        "--x must be at most 1.5s",
        DurationOption.problem(
            "--x", Duration.ofSeconds(2), ms, Duration.ofMillis(1500), BareUnit.SECONDS));
    assertEquals(null, DurationOption.problem("--x", minute, ms, minute, BareUnit.SECONDS));
  }

  @Test
  void dnsAndExplainTimeoutsAcceptUnitsAndTheirOldBareNumbers() {
    // nothing listens on 127.0.0.1:9 (discard): the query times out after the timeout given
    Result units =
        stackscope(
            "dns",
            "resolve",
            "a.test",
            "A",
            "--server",
            "127.0.0.1:9",
            "--timeout",
            "50ms",
            "--tries",
            "1",
            "--json");
    assertEquals(1, units.exitCode(), units.toString());
    Result bare =
        stackscope(
            "dns",
            "resolve",
            "a.test",
            "A",
            "--server",
            "127.0.0.1:9",
            "--timeout",
            "50",
            "--tries",
            "1",
            "--json");
    assertEquals(1, bare.exitCode(), bare.toString());
    // explain's bare --timeout is seconds: 61 is over its limit of 60s, 61ms is not
    Result seconds = stackscope("explain", "127.0.0.1:9", "--connect", "--timeout", "61");
    assertEquals(2, seconds.exitCode(), seconds.toString());
    assertTrue(
        seconds.err().startsWith("stackscope: --timeout needs a duration up to 60s"),
        seconds.err());
    Result millis =
        stackscope("explain", "127.0.0.1:9", "--connect", "--timeout", "61ms", "--json");
    assertEquals(1, millis.exitCode(), "refused, not a usage error: " + millis);
    assertEquals("refused", millis.json().at("/connect/error").asText(), millis::toString);
  }

  @Test
  void badValuesAreUsageErrorsOnOneLine() {
    String[][] runs = {
      {"dns", "resolve", "a.test", "--server", "127.0.0.1:9", "--timeout", "soon"},
      {"dns", "trace", "a.test", "--hedge", "fast"},
      {"dns", "trace", "a.test", "--port", "65536"},
      {"explain", "a.test", "--timeout", "3h"},
      {"explain", "a.test", "--trace", "--port", "0"},
      {"explain", "a.test", "--dns-timeout", "1.5.2s"},
      {"nat", "--timeout", "never"},
      {"ps", "--interval", "1x"},
      {"ps", "--match", "("},
      {"tree", "--match", "[a-"},
      {"ports", "--process", "*"},
      {"ports", "--port", "http"},
    };
    for (String[] run : runs) {
      Result r = stackscope(run);
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals("", r.out(), r.toString());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertTrue(r.err().startsWith("stackscope: Invalid value for option '"), r.err());
    }
    Result port = stackscope("ports", "--port", "70000");
    assertTrue(
        port.err().contains("'70000' is not a port; accepted: a number from 1 to 65535"),
        port.err());
    Result regex = stackscope("ps", "--match", "(");
    assertTrue(regex.err().contains("invalid regular expression: Unclosed group"), regex.err());
    Result duration = stackscope("nat", "--timeout", "never");
    assertTrue(
        duration
            .err()
            .contains(
                "'never' is not a duration; accepted: 500ms, 2s, 1.5s, 1m, or a bare number of seconds"),
        duration.err());
  }

  @Test
  void theHelpNamesTheBareUnitOfEachDurationOption() {
    Result explain = stackscope("explain", "--help");
    assertEquals(0, explain.exitCode(), explain.toString());
    assertTrue(explain.out().startsWith("Usage: stackscope explain"), explain.out());
    assertTrue(explain.out().contains("Follow the path a client would take"), explain.out());
    String flat = explain.out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("--timeout=DURATION"), flat);
    assertTrue(flat.contains("a bare number is seconds"), flat);
    assertTrue(flat.contains("--dns-timeout=DURATION"), flat);
    String dns = stackscope("dns", "resolve", "--help").out().replaceAll("\\s+", " ");
    assertTrue(dns.contains("a bare number is milliseconds"), dns);
  }

  @Test
  void theSamePortTypeServesEveryCommand() {
    PortConverter c = new PortConverter();
    assertEquals(1, c.convert("1"));
    assertEquals(65535, c.convert("65535"));
    for (String bad : new String[] {"0", "65536", "-1", "+80", "80 80", "", "99999999999"}) {
      assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
    }
  }

  @Test
  void aRegularExpressionHasASizeLimit() {
    RegexConverter c = new RegexConverter();
    assertEquals("a.c", c.convert("a.c").pattern());
    TypeConversionException e =
        assertThrows(
            TypeConversionException.class,
            () -> c.convert("a".repeat(RegexConverter.MAX_LENGTH + 1)));
    assertTrue(e.getMessage().contains("longer than 4096"), e.getMessage());
  }
}
