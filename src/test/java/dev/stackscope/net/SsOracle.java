package dev.stackscope.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code ss -tulpnH} and returns its listening sockets as "proto address port pid". */
final class SsOracle {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  private SsOracle() {}

  static Set<String> listening() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ss", "-tulpnH").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return parse(text);
  }

  static Set<String> parse(String text) {
    Set<String> set = new HashSet<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      String local = f[4];
      int colon = local.lastIndexOf(':');
      String host = local.substring(0, colon);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int percent = host.indexOf('%'); // ss appends the bound device: 127.0.0.53%lo
      if (percent >= 0) {
        host = host.substring(0, percent);
      }
      if (host.equals("*")) {
        host = "::"; // ss's dual-stack wildcard
      }
      if (host.startsWith("::ffff:") && host.indexOf('.') > 0) {
        host = host.substring(7);
      }
      String base = f[0] + " " + host + " " + local.substring(colon + 1);
      Matcher m = PID.matcher(line);
      boolean any = false;
      while (m.find()) {
        set.add(base + " " + m.group(1));
        any = true;
      }
      if (!any) {
        set.add(base + " -");
      }
    }
    return set;
  }
}
