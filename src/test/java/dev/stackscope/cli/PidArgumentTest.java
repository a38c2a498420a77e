package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PidArgumentTest {
  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "4242, 4242",
    "2147483647, 2147483647",
    "2147483648, -1",
    "0, -1",
    "-5, -1",
    "+5, -1",
    "abc, -1",
    "12a, -1",
    "99999999999, -1"
  })
  void parsesPositiveDecimalPids(String text, int expected) {
    assertEquals(expected, PidArgument.parse(text));
  }
}
