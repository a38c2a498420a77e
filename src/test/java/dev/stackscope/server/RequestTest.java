package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {
  /** Encodes tagged strings the way the C client does. */
  static byte[] encode(String... tagged) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(Request.MAGIC);
    out.writeInt(tagged.length);
    for (String s : tagged) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
    return bytes.toByteArray();
  }

  @Test
  void readsEveryField() throws IOException {
    Request r =
        Request.read(
            new ByteArrayInputStream(
                encode(
                    "J/opt/s/target/stackscope.jar",
                    "L/opt/s/stackscope",
                    "C/home/u",
                    "P4242",
                    "T1",
                    "S1",
                    "ECOLUMNS=40",
                    "EEMPTY=",
                    "Ea=b=c",
                    "Atree",
                    "A--match",
                    "Aa b",
                    "Aünï")));
    assertEquals("/opt/s/target/stackscope.jar", r.jar());
    assertEquals("/opt/s/stackscope", r.launcher());
    assertEquals(Path.of("/home/u"), r.workingDirectory());
    assertEquals(4242, r.pid());
    assertTrue(r.terminal());
    assertTrue(r.stderrTerminal());
    assertEquals(Map.of("COLUMNS", "40", "EMPTY", "", "a", "b=c"), r.env());
    assertEquals(List.of("tree", "--match", "a b", "ünï"), r.args());
  }

  @Test
  void stdoutIsNotATerminalUnlessSaid() throws IOException {
    Request r = Request.read(new ByteArrayInputStream(encode("J/j", "C/", "P1", "T0")));
    assertFalse(r.terminal());
    assertFalse(r.stderrTerminal());
    assertEquals(List.of(), r.args());
    assertEquals(null, r.launcher(), "no launcher: no checkout to check for newer sources");
  }

  @Test
  void stderrIsATerminalOnlyWhenSaidSoApartFromStdout() throws IOException {
    Request both = Request.read(new ByteArrayInputStream(encode("J/j", "C/", "P1", "T1")));
    assertTrue(both.terminal());
    assertFalse(both.stderrTerminal(), "no S: stderr taken for no terminal");
    Request piped = Request.read(new ByteArrayInputStream(encode("J/j", "C/", "P1", "T0", "S1")));
    assertFalse(piped.terminal(), "stdout piped");
    assertTrue(piped.stderrTerminal(), "while stderr is a terminal");
    assertFalse(
        Request.read(new ByteArrayInputStream(encode("J/j", "C/", "P1", "T1", "S0")))
            .stderrTerminal());
  }

  @Test
  void rejectsWhatIsNotOurProtocol() throws IOException {
    assertThrows(
        Request.ProtocolException.class,
        () ->
            Request.read(
                new ByteArrayInputStream(
                    "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
    assertThrows(
        Request.ProtocolException.class,
        () -> Request.read(new ByteArrayInputStream(encode("J/j", "Crelative", "P1"))),
        "a relative working directory");
    assertThrows(
        Request.ProtocolException.class,
        () -> Request.read(new ByteArrayInputStream(encode("J/j", "C/", "Pabc"))));
    assertThrows(
        Request.ProtocolException.class,
        () -> Request.read(new ByteArrayInputStream(encode("C/", "P1"))),
        "no jar");
    assertThrows(
        Request.ProtocolException.class,
        () -> Request.read(new ByteArrayInputStream(encode("J/j", "C/", "P1", "Zx"))),
        "unknown tag");
    byte[] huge = encode("J/j");
    huge[4 + 4] = 0x7f; // the high byte of the first string's length
    assertThrows(
        Request.ProtocolException.class, () -> Request.read(new ByteArrayInputStream(huge)));
    byte[] whole = encode("J/j", "C/", "P1", "Atree");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 2);
    assertThrows(EOFException.class, () -> Request.read(new ByteArrayInputStream(cut)));
  }

  @Test
  void readsTheClientsStdinFramesUntilItHangsUp() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte('I');
    out.writeInt(3);
    out.write("a\nb".getBytes(StandardCharsets.UTF_8), 0, 3);
    out.writeByte('I');
    out.writeInt(0);
    ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
    assertEquals("a\nb", new String(Request.readInput(in), StandardCharsets.UTF_8));
    assertEquals(0, Request.readInput(in).length, "an empty frame: the end of input");
    assertEquals(null, Request.readInput(in), "the end of the stream: the client is gone");
  }

  @Test
  void rejectsStdinFramesThatAreNotOurs() {
    assertThrows(
        Request.ProtocolException.class,
        () -> Request.readInput(new ByteArrayInputStream(new byte[] {'O', 0, 0, 0, 0})));
    byte[] huge = {'I', 0, 1, 0, 1}; // one byte more than the server ever asks for
    assertThrows(
        Request.ProtocolException.class, () -> Request.readInput(new ByteArrayInputStream(huge)));
    byte[] negative = {'I', (byte) 0x80, 0, 0, 0};
    assertThrows(
        Request.ProtocolException.class,
        () -> Request.readInput(new ByteArrayInputStream(negative)));
    assertThrows(
        EOFException.class,
        () -> Request.readInput(new ByteArrayInputStream(new byte[] {'I', 0, 0, 0, 2, 'x'})));
  }
}
