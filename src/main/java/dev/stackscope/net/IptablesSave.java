package dev.stackscope.net;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live NAT table: the output of {@code iptables-save -t nat} (at most {@link
 * NatRules#MOST_BYTES}, within 3 seconds), or null when the program is not installed, fails, or
 * this user may not read the table. Run only when a published port needs a rule to be followed.
 */
public final class IptablesSave implements Supplier<String> {
  private static final String[] PLACES = {"/usr/sbin/iptables-save", "/sbin/iptables-save"};

  @Override
  public String get() {
    String program = null;
    for (String p : PLACES) {
      if (new File(p).canExecute()) {
        program = p;
        break;
      }
    }
    if (program == null) {
      return null;
    }
    try {
      Process p =
          new ProcessBuilder(program, "-t", "nat")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readNBytes(NatRules.MOST_BYTES);
      }
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
