package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the warm server's request frame reader (docs/fuzzing.md). Without JAZZER_FUZZ it
 * replays the corpus in {@code RequestFuzzTestInputs/requestFrames/}.
 */
class RequestFuzzTest {
  /**
   * Arbitrary bytes: only IOException (ProtocolException, EOFException) escapes, and a request that
   * is read has a jar, an absolute working directory and a PID. A request framed as the client
   * frames it reads back to the same fields.
   */
  @FuzzTest
  void requestFrames(FuzzedDataProvider data) throws IOException {
    if (data.consumeBoolean()) {
      byte[] raw = data.consumeRemainingAsBytes();
      Request r;
      try {
        r = Request.read(new ByteArrayInputStream(raw));
      } catch (IOException e) {
        return;
      }
      assertTrue(
          r.jar() != null && r.pid() >= 1 && r.workingDirectory().isAbsolute(), r.toString());
      return;
    }
    long pid = data.consumeLong(1, Long.MAX_VALUE);
    boolean terminal = data.consumeBoolean();
    boolean stderrTerminal = data.consumeBoolean();
    List<String> args = new ArrayList<>();
    int n = data.consumeInt(0, 8);
    for (int i = 0; i < n; i++) {
      args.add(data.consumeString(50));
    }
    // A path never holds a NUL (the client sends getcwd()'s); one that does is refused, see
    // RequestFuzzTestInputs/requestFrames/nul-in-working-directory.
    String cwd = "/" + data.consumeString(40).replace("\0", "");
    String jar = data.consumeRemainingAsString();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(Request.MAGIC);
    List<byte[]> strings = new ArrayList<>();
    strings.add(tagged('J', jar));
    strings.add(tagged('C', cwd));
    strings.add(tagged('P', Long.toString(pid)));
    strings.add(tagged('T', terminal ? "1" : "0"));
    strings.add(tagged('S', stderrTerminal ? "1" : "0"));
    strings.add(tagged('E', "LANG=C.UTF-8"));
    for (String a : args) {
      strings.add(tagged('A', a));
    }
    out.writeInt(strings.size());
    for (byte[] s : strings) {
      out.writeInt(s.length);
      out.write(s);
    }
    Request r = Request.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(decoded(jar), r.jar());
    assertEquals(pid, r.pid());
    assertEquals(terminal, r.terminal());
    assertEquals(stderrTerminal, r.stderrTerminal());
    assertEquals("C.UTF-8", r.env().get("LANG"));
    assertEquals(args.stream().map(RequestFuzzTest::decoded).toList(), r.args());
  }

  private static byte[] tagged(char tag, String value) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[v.length + 1];
    b[0] = (byte) tag;
    System.arraycopy(v, 0, b, 1, v.length);
    return b;
  }

  /** What survives a UTF-8 round trip (a lone surrogate becomes '?'). */
  private static String decoded(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
