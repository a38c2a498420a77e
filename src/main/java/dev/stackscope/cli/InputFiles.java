package dev.stackscope.cli;

import dev.stackscope.os.InputFile;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Files named on the command line, read through {@link InputFile}'s limits: one that cannot be read
 * (missing, a directory, permission denied, too large, not UTF-8) is a usage error (exit 2) whose
 * one line names what it is, the file and the reason, e.g. {@code cannot read --url-file '/x': is a
 * directory}.
 */
public final class InputFiles {
  private InputFiles() {}

  /** Opens {@code file} for streamed reading. */
  public static InputStream open(Path file, String what) {
    try {
      return InputFile.open(file, what);
    } catch (InputFile.Unreadable e) {
      throw new CommandException(ExitCode.USAGE, e.getMessage());
    }
  }

  /** The whole file as UTF-8 text, at most {@code limit} bytes. */
  public static String readText(Path file, String what, int limit) {
    try {
      return InputFile.readText(file, what, limit);
    } catch (InputFile.Unreadable e) {
      throw new CommandException(ExitCode.USAGE, e.getMessage());
    }
  }
}
