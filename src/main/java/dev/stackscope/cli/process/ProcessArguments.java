package dev.stackscope.cli.process;

import dev.stackscope.cli.PidArgument;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/** Validation of the PID and user arguments shared by the process commands. */
final class ProcessArguments {
  private ProcessArguments() {}

  /** A positive PID, or a usage error naming {@code what} was wrong. */
  static int pid(String text, String what, Function<String, ParameterException> usageError) {
    if (text == null || text.isEmpty()) {
      throw usageError.apply(what + " is missing");
    }
    int pid = PidArgument.parse(text);
    if (pid < 0) {
      throw usageError.apply(what + " must be a positive number, not '" + text + "'");
    }
    return pid;
  }

  /** A plausible login name (POSIX portable characters, not starting with a hyphen). */
  static boolean looksLikeUserName(String s) {
    if (s.isEmpty() || s.length() > 64 || s.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.'
              || (c == '$' && i == s.length() - 1);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
