package dev.stackscope.net;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standard output of a system program that reads the kernel's tables ({@code iptables-save},
 * {@code nft}): at most {@code most} bytes, within 3 seconds, or null when the program is not
 * installed, fails, or this user may not read the table.
 */
final class ProgramOutput {
  private ProgramOutput() {}

  /** Runs the first executable of {@code places} with {@code args}. */
  static String of(String[] places, List<String> args, int most) {
    String program = null;
    for (String p : places) {
      if (new File(p).canExecute()) {
        program = p;
        break;
      }
    }
    if (program == null) {
      return null;
    }
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(program);
    command.addAll(args);
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readNBytes(most);
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
