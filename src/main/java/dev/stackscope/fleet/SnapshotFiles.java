package dev.stackscope.fleet;

import dev.stackscope.os.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the snapshots named on a command line: files, directories (their {@code *.json} files, by
 * name; not their subdirectories), or {@code -} for standard input. Each snapshot is read within
 * {@link #MAX_BYTES}, a run within {@link #MAX_SNAPSHOTS}; two snapshots of one machine (the same
 * machine-id) are refused, naming both files.
 */
public final class SnapshotFiles {
  /** One snapshot's size limit: a host with thousands of components stays well below it. */
  public static final int MAX_BYTES = 32 << 20;

  /** How many snapshots one run reads. */
  public static final int MAX_SNAPSHOTS = 20_000;

  private SnapshotFiles() {}

  /**
   * The snapshots of {@code args} in order ({@code cwd}: what relative names are relative to).
   *
   * @throws SnapshotException naming the file that cannot be read or used
   */
  public static List<Snapshot> read(List<String> args, Path cwd, InputStream stdin)
      throws SnapshotException {
    return read(args, cwd, stdin, Progress.NONE);
  }

  /** Told after each snapshot is read: how many so far, and the last one's name as given. */
  public interface Progress {
    void read(int snapshots, String name);

    Progress NONE = (snapshots, name) -> {};
  }

  /** {@link #read(List, Path, InputStream)}, telling {@code progress} as each snapshot is read. */
  public static List<Snapshot> read(
      List<String> args, Path cwd, InputStream stdin, Progress progress) throws SnapshotException {
    List<Snapshot> out = new ArrayList<>();
    boolean stdinRead = false;
    for (String arg : args) {
      if (arg.equals("-")) {
        if (stdinRead) {
          throw new SnapshotException("-: standard input can be read only once");
        }
        stdinRead = true;
        try {
          add(out, SnapshotParser.parse("-", bytes(stdin)));
          progress.read(out.size(), "-");
        } catch (InputFile.Unreadable e) {
          throw new SnapshotException("-: " + e.getMessage());
        }
        continue;
      }
      Path p = cwd.resolve(arg);
      if (Files.isDirectory(p)) {
        List<Path> files = jsonFiles(p, arg);
        if (files.isEmpty()) {
          throw new SnapshotException(arg + ": no *.json snapshots in this directory");
        }
        for (Path f : files) {
          String shown = arg.endsWith("/") ? arg + f.getFileName() : arg + "/" + f.getFileName();
          add(out, readFile(f, shown));
          progress.read(out.size(), shown);
        }
      } else {
        add(out, readFile(p, arg));
        progress.read(out.size(), arg);
      }
    }
    checkDistinct(out);
    return out;
  }

  private static byte[] bytes(InputStream in) throws InputFile.Unreadable {
    return InputFile.readBytes(in, "snapshot", "standard input", MAX_BYTES);
  }

  private static void add(List<Snapshot> out, Snapshot s) throws SnapshotException {
    if (out.size() >= MAX_SNAPSHOTS) {
      throw new SnapshotException(
          s.source() + ": more than " + MAX_SNAPSHOTS + " snapshots in one run");
    }
    out.add(s);
  }

  private static Snapshot readFile(Path file, String shown) throws SnapshotException {
    byte[] bytes;
    try {
      bytes = InputFile.readBytes(file, "snapshot", MAX_BYTES);
    } catch (InputFile.Unreadable e) {
      throw new SnapshotException(e.getMessage());
    }
    return SnapshotParser.parse(shown, bytes);
  }

  private static List<Path> jsonFiles(Path dir, String shown) throws SnapshotException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : ds) {
        if (Files.isRegularFile(f)) {
          files.add(f);
          if (files.size() > MAX_SNAPSHOTS) {
            throw new SnapshotException(
                shown + ": more than " + MAX_SNAPSHOTS + " snapshots in one run");
          }
        }
      }
    } catch (IOException | SecurityException e) {
      throw new SnapshotException(
          "cannot read snapshot directory '" + shown + "': " + InputFile.reason(e));
    }
    files.sort(null);
    return files;
  }

  /** Two snapshots of one machine would make its components twice. */
  public static void checkDistinct(List<Snapshot> snapshots) throws SnapshotException {
    Map<String, String> seen = new HashMap<>();
    for (Snapshot s : snapshots) {
      String id = s.host().machineId();
      if (id == null) {
        continue;
      }
      String first = seen.putIfAbsent(id, s.source());
      if (first != null) {
        throw new SnapshotException(
            s.source() + ": the same machine as " + first + " (machine-id " + id + ")");
      }
    }
  }
}
