package dev.stackscope.cli.shell;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.Main;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.process.Spawned;
import dev.stackscope.testing.CliRunner.Result;
import dev.stackscope.testing.JsonValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code --watch} on tree, ps, ports and ifaces when stdout is not a terminal: frame by frame. */
class LiveViewsTest {
  private static final String SELF = String.valueOf(ProcessHandle.current().pid());

  private static void linux() {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
  }

  /** Two text frames under their {@code Every 0.1s:} headers, and two JSON lines that parse. */
  private static List<String> twoFrames(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--watch=0.1", "--count", "2"));
    Result text = stackscope(args.toArray(String[]::new));
    assertEquals(0, text.exitCode(), text::toString);
    String[] frames = text.out().split("(?m)^Every 0\\.1s: stackscope ", -1);
    assertEquals(3, frames.length, text::toString);
    assertEquals("", frames[0], text::toString);
    args.add(0, "--json");
    Result json = stackscope(args.toArray(String[]::new));
    assertEquals(0, json.exitCode(), json::toString);
    String[] lines = json.out().split("\n");
    assertEquals(2, lines.length, json::toString);
    for (String l : lines) {
      JsonValue.parse(l);
    }
    return List.of(frames[1], frames[2], lines[0], lines[1]);
  }

  @Test
  void treeWatch() throws Exception {
    linux();
    try (Spawned s = Spawned.shell("sleep 987321 & wait")) {
      int child = s.awaitChildren(1).get(0);
      List<String> f = twoFrames("tree", "-p", String.valueOf(s.pid()));
      for (int i = 0; i < 2; i++) {
        assertTrue(f.get(i).contains("sleep(" + child + ")"), f.get(i));
      }
      List<?> trees = (List<?>) JsonValue.parse(f.get(3)); // tree's JSON: always an array
      assertEquals(1, trees.size(), f.get(3));
      Map<?, ?> doc = (Map<?, ?>) trees.get(0);
      assertEquals((long) s.pid(), doc.get("pid"));
      assertEquals(1, ((List<?>) doc.get("children")).size(), f.get(3));
    }
  }

  @Test
  void psWatch() {
    linux();
    List<String> f = twoFrames("ps", "--interval", "0", "--top", "3");
    for (int i = 0; i < 2; i++) {
      assertTrue(f.get(i).contains("PID") && f.get(i).contains("COMMAND"), f.get(i));
      assertEquals(5, f.get(i).split("\n").length, f.get(i)); // title, header, 3 rows
    }
    assertEquals(3, ((List<?>) JsonValue.parse(f.get(2))).size(), f.get(2));
  }

  @Test
  void ifacesWatch() {
    List<String> f = twoFrames("ifaces");
    assertTrue(f.get(0).contains("IFACE") && f.get(0).contains("lo"), f.get(0));
    assertTrue(JsonValue.object(f.get(3)).containsKey("interfaces"), f.get(3));
  }

  @Test
  void portsWatch() throws Exception {
    linux();
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      // --pid: only sockets with a known owner, so no "owners hidden" note when not root
      List<String> f = twoFrames("ports", "-a", "--pid", SELF);
      String row = "127.0.0.1:" + s.getLocalPort() + " ";
      assertTrue(f.get(0).contains(row) && f.get(1).contains(row), f.get(0));
      assertTrue(ports(f.get(2)).contains((long) s.getLocalPort()), f.get(2));
    }
  }

  /** A listener opened while the first frame is printed is in the second frame, not the first. */
  @Test
  void portsWatchSeesAListenerOpenedBetweenFrames() throws Exception {
    linux();
    List<ServerSocket> opened = new ArrayList<>();
    StringWriter captured = new StringWriter();
    PrintWriter out =
        new PrintWriter(
            new java.io.Writer() {
              @Override
              public void write(char[] buf, int off, int len) {
                captured.write(buf, off, len);
                if (opened.isEmpty() && captured.toString().contains("\n")) {
                  try {
                    opened.add(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                }
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            },
            true);
    StringWriter err = new StringWriter();
    try {
      int code =
          Main.run(
              new String[] {"--json", "ports", "-t", "--pid", SELF, "--watch=0.1", "--count", "2"},
              out,
              new PrintWriter(err, true),
              new TerminalInfo(false, Map.of("LANG", "C.UTF-8")));
      assertEquals(0, code, err::toString);
      assertEquals(1, opened.size(), "the listener was opened after the first frame");
      int port = opened.get(0).getLocalPort();
      String[] lines = captured.toString().split("\n");
      assertEquals(2, lines.length, captured::toString);
      assertFalse(ports(lines[0]).contains((long) port), lines[0]);
      assertTrue(ports(lines[1]).contains((long) port), lines[1]);
    } finally {
      for (ServerSocket s : opened) {
        s.close();
      }
    }
  }

  private static List<Object> ports(String frame) {
    List<Object> ports = new ArrayList<>();
    for (Object socket : (List<?>) JsonValue.parse(frame)) {
      ports.add(((Map<?, ?>) socket).get("localPort"));
    }
    return ports;
  }
}
