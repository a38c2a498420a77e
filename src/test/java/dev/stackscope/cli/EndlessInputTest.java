package dev.stackscope.cli;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.os.InputFile;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that never end, or cannot be read: one line naming what and why, never a stack trace. */
class EndlessInputTest {
  private static final Path ZERO = Path.of("/dev/zero");

  private static Result bounded(String... args) {
    return Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> stackscope(args));
  }

  private static void oneLineUsageError(Result r, String start) {
    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(r.err().startsWith(start), r::toString);
    assertTrue(r.err().contains("longer than 1048576 bytes (the limit)"), r::toString);
  }

  @Test
  void urlFileThatNeverEnds() {
    assumeTrue(Files.isReadable(ZERO), "no /dev/zero");
    oneLineUsageError(
        bounded("url", "--url-file", "/dev/zero"), "stackscope: --url-file /dev/zero: record 1 ");
    oneLineUsageError(
        bounded("url", "-0", "--url-file", "/dev/zero", "--get", "{host}"),
        "stackscope: --url-file /dev/zero: the empty records before record 1 ");
    // no entry was written before the error: the error is the run's one document
    Result json = bounded("url", "--json", "--url-file", "/dev/zero");
    assertEquals(2, json.exitCode(), json::toString);
    assertEquals(
        java.util.Map.of(
            "error",
            java.util.Map.of(
                "message",
                "--url-file /dev/zero: record 1 is longer than 1048576 bytes (the limit)",
                "exitCode",
                2L)),
        JsonValue.parse(json.out()));
  }

  @Test
  void ipFileThatNeverEnds() {
    assumeTrue(Files.isReadable(ZERO), "no /dev/zero");
    oneLineUsageError(bounded("ip", "--file", "/dev/zero"), "stackscope: /dev/zero: record 1 ");
  }

  @Test
  void filesThatCannotBeReadSayWhy(@TempDir Path dir) {
    Result url = stackscope("url", "--url-file", dir.toString());
    assertEquals(2, url.exitCode(), url::toString);
    assertEquals("stackscope: cannot read --url-file '" + dir + "': is a directory\n", url.err());
    Result ip = stackscope("ip", "--json", "--file", dir.resolve("absent").toString());
    assertEquals(2, ip.exitCode(), ip::toString);
    assertEquals(
        "stackscope: cannot read --file '" + dir.resolve("absent") + "': no such file\n", ip.err());
    Map<?, ?> error = (Map<?, ?>) JsonValue.object(ip.out()).get("error");
    assertEquals(2L, error.get("exitCode"));
  }

  @Test
  void reasonsAreShortWords() {
    assertEquals("permission denied", InputFile.reason(new AccessDeniedException("/x")));
    assertEquals("no such file", InputFile.reason(new NoSuchFileException("/x")));
    assertEquals("is a directory", InputFile.reason(new IOException("Is a directory")));
  }
}
