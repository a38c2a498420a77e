package dev.stackscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a file named on the command line for reading; when it cannot be, a one-line error (exit 1)
 * that names the option, the file and the reason: {@code cannot read --url-file /x: permission
 * denied}.
 */
public final class InputFiles {
  private InputFiles() {}

  /** Opens {@code path} (given as {@code option}, e.g. "--url-file") or fails with the reason. */
  public static InputStream open(String option, Path path) {
    if (Files.isDirectory(path)) {
      throw cannotRead(option, path, "it is a directory");
    }
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw cannotRead(option, path, reason(e));
    }
  }

  /** "cannot read OPTION PATH: REASON" (exit 1). */
  public static CommandException cannotRead(String option, Path path, String reason) {
    return CommandException.failure("cannot read " + option + " " + path + ": " + reason);
  }

  /** Why an I/O operation failed, in a few words: "permission denied", "no such file". */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
  }
}
