package dev.stackscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.testing.CliRunner;
import dev.stackscope.testing.CliRunner.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress lines of the commands that take a while: drawn on stderr and erased when stderr is a
 * terminal (faked here: {@link CliRunner#stderrTerminal}), nothing at all when it is piped. The
 * slow parts are real: a UDP server on loopback that never answers, a stdin that pauses.
 */
class ProgressOnStderrTest {
  private static final String ERASE = "\r\033[K";

  /** Whatever a progress line leaves on stderr: a carriage return or an escape sequence. */
  private static void noProgress(Result r) {
    assertFalse(r.err().contains("\r") || r.err().contains("\033"), "progress when piped: " + r);
  }

  /** A drawn line "\r" TEXT erase, erased again before anything else is written. */
  private static void drawnAndErased(Result r, String pattern) {
    String err = r.err();
    assertTrue(
        Pattern.compile("\r" + pattern + "\033\\[K").matcher(err).find(), pattern + " in " + r);
    int end = err.lastIndexOf(ERASE);
    assertTrue(end >= 0, "erased at the end: " + r);
    String after = err.substring(end + ERASE.length());
    assertFalse(after.contains("\r"), "nothing drawn after the erase: " + r);
  }

  private static DatagramSocket silentServer() throws IOException {
    return new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
  }

  /** {@code first}, then a pause longer than the progress line's delay, then {@code rest}. */
  private static InputStream pausing(String first, String rest) {
    ByteArrayInputStream a = new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8));
    ByteArrayInputStream b = new ByteArrayInputStream(rest.getBytes(StandardCharsets.UTF_8));
    return new InputStream() {
      private boolean paused;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = a.read(buf, off, len);
        if (n > 0) {
          return n;
        }
        if (!paused) {
          paused = true;
          try {
            Thread.sleep(1200);
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
        }
        return b.read(buf, off, len);
      }
    };
  }

  private static CliRunner runner(boolean stderrTerminal, Path cwd, InputStream stdin) {
    return new CliRunner()
        .stderrTerminal(stderrTerminal)
        .invocation(new Invocation(cwd, ProcessHandle.current().pid(), stdin));
  }

  @Test
  void dnsTraceShowsTheServerItWaitsOn(@TempDir Path dir) throws IOException {
    Path hints = dir.resolve("hints");
    Files.writeString(hints, ". 3600000 NS a.root.train.\na.root.train. 3600000 A 127.0.0.1\n");
    try (DatagramSocket server = silentServer()) {
      String[] args = {
        "dns",
        "trace",
        "www.example.train",
        "--root-hints",
        hints.toString(),
        "--port",
        Integer.toString(server.getLocalPort()),
        "--timeout",
        "1200",
        "--tries",
        "1"
      };
      Result terminal = runner(true, dir, InputStream.nullInputStream()).run(args);
      assertEquals(1, terminal.exitCode(), terminal.toString());
      drawnAndErased(
          terminal,
          Pattern.quote("dns trace: asking a.root.train. (127.0.0.1) for www.example.train. A…")
              + " query 1");
      assertTrue(terminal.err().endsWith("\n"), "the failure's note after the erase: " + terminal);

      Result piped = runner(false, dir, InputStream.nullInputStream()).run(args);
      assertEquals(1, piped.exitCode(), piped.toString());
      noProgress(piped);
      assertEquals(
          terminal.err().substring(terminal.err().lastIndexOf(ERASE) + ERASE.length()),
          piped.err(),
          "the same notes, and nothing else");
    }
  }

  @Test
  void natCountsDownTheStunTestItWaitsOn(@TempDir Path dir) throws IOException {
    try (DatagramSocket server = silentServer()) {
      String stun = "127.0.0.1:" + server.getLocalPort();
      String[] args = {"nat", "--stun", stun, "--timeout", "1.5s"};
      Result terminal = runner(true, dir, InputStream.nullInputStream()).run(args);
      assertEquals(1, terminal.exitCode(), terminal.toString());
      drawnAndErased(
          terminal, Pattern.quote("nat: binding request to " + stun + "… ") + "[1-2]s left");

      Result piped = runner(false, dir, InputStream.nullInputStream()).run(args);
      assertEquals(1, piped.exitCode(), piped.toString());
      noProgress(piped);
      assertTrue(piped.err().startsWith("stackscope: no answer from STUN server"), piped.err());
    }
  }

  @Test
  void ipCountsTheLinesOfABatchWhileTheResultsArePiped(@TempDir Path dir) {
    String[] args = {"ip", "--brief"};
    Result terminal =
        runner(true, dir, pausing("192.0.2.1\n10.0.0.1\n", "300.1.1.1\n::1\n")).run(args);
    drawnAndErased(terminal, Pattern.quote("ip: 2 lines read"));
    assertTrue(
        terminal.err().contains(ERASE + "stackscope: 300.1.1.1"),
        "a note mid-batch erases the line first: " + terminal);
    assertEquals(3, terminal.out().lines().count(), "the valid ones: " + terminal);

    Result piped =
        runner(false, dir, pausing("192.0.2.1\n10.0.0.1\n", "300.1.1.1\n::1\n")).run(args);
    noProgress(piped);
    assertEquals(terminal.out(), piped.out());
    assertTrue(piped.err().startsWith("stackscope: 300.1.1.1"), piped.toString());
  }

  @Test
  void urlCountsTheLinesOfAUrlFile(@TempDir Path dir) {
    String[] args = {"url", "--url-file", "-"};
    Result terminal =
        runner(true, dir, pausing("https://a.example/\nhttps://b.example/\n", "http://c/\n"))
            .run(args);
    assertEquals(0, terminal.exitCode(), terminal.toString());
    drawnAndErased(terminal, Pattern.quote("url: 2 lines read"));

    Result piped =
        runner(false, dir, pausing("https://a.example/\nhttps://b.example/\n", "http://c/\n"))
            .run(args);
    assertEquals("", piped.err(), piped.toString());
    assertEquals(terminal.out(), piped.out());
  }

  @Test
  void aBatchWhoseResultsGoToTheTerminalShowsNoLine(@TempDir Path dir) {
    Result r =
        runner(true, dir, pausing("https://a.example/\n", "http://c/\n"))
            .terminal(true)
            .run("url", "--url-file", "-");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("", r.err(), "the results streamed to the terminal are the progress");
  }

  @Test
  void fleetCountsTheSnapshotsItReads(@TempDir Path dir) throws IOException {
    Path repo = Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();
    Path before = repo.resolve("src/test/resources/dev/stackscope/fleet/before");
    String h1 = Files.readString(before.resolve("h1.json"));
    String[] args = {
      "fleet", "-", before.resolve("h2.json").toString(), before.resolve("h3.json").toString()
    };
    int half = h1.length() / 2;
    Result terminal =
        runner(true, repo, pausing(h1.substring(0, half), h1.substring(half))).run(args);
    assertEquals(0, terminal.exitCode(), terminal.toString());
    drawnAndErased(terminal, Pattern.quote("fleet: read 1 snapshot: -"));

    Result quick =
        runner(true, repo, InputStream.nullInputStream()).run("fleet", before.toString());
    assertEquals(0, quick.exitCode(), quick.toString());
    assertEquals("", quick.err(), "work done within the delay draws nothing");

    Result piped =
        runner(false, repo, pausing(h1.substring(0, half), h1.substring(half))).run(args);
    assertEquals("", piped.err(), piped.toString());
    assertEquals(terminal.out(), piped.out());
  }
}
