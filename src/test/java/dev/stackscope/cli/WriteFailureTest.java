package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.Main;
import dev.stackscope.output.StdoutWriter;
import dev.stackscope.output.TerminalInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** A failed write to stdout ends the run: 141 quietly on EPIPE, 1 with a message otherwise. */
class WriteFailureTest {
  /** A stdout whose every write fails with {@code error}, as the kernel's would. */
  private static OutputStream failing(String error) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(error);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException(error);
      }
    };
  }

  private record Run(int code, String err) {}

  private static Run run(OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args, StdoutWriter.of(stdout), new PrintWriter(err, true), TerminalInfo.pipe(Map.of()));
    return new Run(code, err.toString());
  }

  @Test
  void aFullDiskIsAnErrorWithAMessage() {
    for (String[] args :
        new String[][] {{"completion", "bash"}, {"--json", "ps", "--interval", "0"}}) {
      Run r = run(failing("No space left on device"), args);
      assertEquals(1, r.code(), r::toString);
      assertEquals(
          "stackscope: cannot write to standard output: No space left on device\n", r.err());
    }
  }

  @Test
  void aClosedPipeEndsQuietlyWith141() {
    Run r = run(failing("Broken pipe"), "completion", "bash");
    assertEquals(141, r.code(), r::toString);
    assertEquals(ExitCode.BROKEN_PIPE.code(), r.code());
    assertEquals("", r.err());
  }

  @Test
  void aClosedPipeEndsAnEndlessWatch() {
    Run r =
        Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> run(failing("Broken pipe"), "ps", "--interval", "0", "--watch=0.1"));
    assertEquals(141, r.code(), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void aPrintStreamThatFailsIsSeenToo() {
    // a PrintStream keeps only a flag: the run still fails, without the reason
    PrintStream swallowing = new PrintStream(failing("No space left on device"), true);
    int code =
        Main.run(
            new String[] {"completion", "bash"},
            java.io.InputStream.nullInputStream(),
            swallowing,
            new PrintStream(OutputStream.nullOutputStream()));
    assertEquals(1, code);
  }
}
