package dev.stackscope.cli.stack;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A URL's password given to explain is masked in the header, the JSON and errors. */
class ExplainSecretsTest {
  // A literal address: nothing is looked up.
  private static final String TARGET = "https://user:hunter2pw@127.0.0.1:1/";

  @Test
  void headerAndJsonMaskThePassword() {
    Result text = stackscope("explain", TARGET);
    assertFalse(
        text.out().contains("hunter2pw") || text.err().contains("hunter2pw"), text::toString);
    assertTrue(text.out().contains("https://user:•••@127.0.0.1:1/"), text::toString);

    Result json = stackscope("explain", "--json", TARGET);
    assertFalse(json.out().contains("hunter2pw"), json::toString);
    Map<?, ?> target = (Map<?, ?>) JsonValue.object(json.out()).get("target");
    assertEquals("https://user:•••@127.0.0.1:1/", target.get("input"));
    assertEquals("127.0.0.1", target.get("host"));

    Map<?, ?> revealed =
        (Map<?, ?>)
            JsonValue.object(stackscope("explain", "--json", "--reveal", TARGET).out())
                .get("target");
    assertEquals(TARGET, revealed.get("input"));
  }

  @Test
  void badTargetErrorMasksThePassword() {
    Result r = stackscope("explain", "https://user:hunter2pw@127.0.0.1:99999/");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.err().startsWith("stackscope: bad target 'https://user:•••@127.0.0.1:99999/'"),
        r::toString);
    assertFalse(r.err().contains("hunter2pw"), r::toString);
  }
}
