package dev.stackscope.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TCP sockets from iproute2's {@code ss -tanpH}, until the net package's socket reader is the
 * source. Reading ({@link #tcpSockets}) is a thin wrapper around the pure {@link #parse}.
 */
public final class SsSocketSource implements SocketSource {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");
  private final String ss;

  public SsSocketSource(String ss) {
    this.ss = ss;
  }

  @Override
  public List<StackSocket> tcpSockets() throws IOException {
    Process p = new ProcessBuilder(ss, "-tanpH").redirectErrorStream(false).start();
    p.getOutputStream().close();
    String text;
    try (InputStream in = p.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(ss + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(ss + " -tanpH failed with exit status " + p.exitValue());
    }
    return parse(text);
  }

  /** Parses {@code ss -tanpH} output; lines it cannot read are skipped. */
  public static List<StackSocket> parse(String text) {
    List<StackSocket> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+", 6);
      if (f.length < 5) {
        continue;
      }
      StackSocket.State state =
          switch (f[0]) {
            case "LISTEN" -> StackSocket.State.LISTEN;
            case "ESTAB" -> StackSocket.State.ESTABLISHED;
            case "TIME-WAIT" -> StackSocket.State.TIME_WAIT;
            default -> StackSocket.State.OTHER;
          };
      try {
        Endpoint local = endpoint(f[3]);
        Endpoint remote = endpoint(f[4]);
        List<Integer> pids = new ArrayList<>();
        if (f.length > 5) {
          Matcher m = PID.matcher(f[5]);
          while (m.find()) {
            pids.add(Integer.parseInt(m.group(1)));
          }
        }
        out.add(new StackSocket(state, local.address, local.port, remote.address, remote.port, pids));
      } catch (IllegalArgumentException | UnknownHostException e) {
        // not an address ss prints for TCP; skip the line
      }
    }
    return out;
  }

  private record Endpoint(InetAddress address, int port) {}

  /** {@code 127.0.0.1:80}, {@code [::1]:80}, {@code *:80}, {@code 127.0.0.53%lo:53}, {@code 0.0.0.0:*}. */
  private static Endpoint endpoint(String s) throws UnknownHostException {
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(s);
    }
    String host = s.substring(0, colon);
    String port = s.substring(colon + 1);
    int percent = host.indexOf('%');
    if (percent >= 0) {
      host = host.substring(0, percent) + (host.endsWith("]") ? "]" : "");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("*")) {
      host = "::";
    }
    if (!host.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException(s);
    }
    return new Endpoint(InetAddress.getByName(host), port.equals("*") ? 0 : Integer.parseInt(port));
  }
}
