package dev.stackscope.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * What a server was started from and must stop serving once it changes: its jar (a rebuild) and the
 * system time zone's files (the JVM reads its default zone from them once, at start-up).
 */
final class BuildStamp {
  /** Where the JVM found the system's time zone at start-up (no TZ): its default is fixed then. */
  static final List<Path> ZONE_FILES = List.of(Path.of("/etc/localtime"), Path.of("/etc/timezone"));

  private final String jar;
  private final FileTime jarModified;
  private final long jarSize;
  private final List<Path> zoneFiles;
  private final String zone;

  BuildStamp(String jar, List<Path> zoneFiles) throws IOException {
    this.jar = jar;
    Path jarFile = Path.of(jar);
    this.jarModified = Files.getLastModifiedTime(jarFile);
    this.jarSize = Files.size(jarFile);
    this.zoneFiles = zoneFiles;
    this.zone = zoneStamp(zoneFiles);
  }

  String jar() {
    return jar;
  }

  /** When the jar was built: sources newer than this call for a rebuild ({@link SourceWatch}). */
  FileTime jarModified() {
    return jarModified;
  }

  /** Whether the jar on disk is no longer the one this server runs (or is gone). */
  boolean jarChanged() {
    try {
      Path file = Path.of(jar);
      return !Files.getLastModifiedTime(file).equals(jarModified) || Files.size(file) != jarSize;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether the system time zone's files changed since start-up. */
  boolean zoneChanged() {
    return !zoneStamp(zoneFiles).equals(zone);
  }

  /**
   * The system time zone's files as they are now (link target, size, modification time): the JVM's
   * default zone comes from them once, so a server outlives a change of the system's zone.
   */
  static String zoneStamp(List<Path> files) {
    StringBuilder s = new StringBuilder();
    for (Path f : files) {
      s.append(f).append('\t');
      try {
        if (Files.isSymbolicLink(f)) {
          s.append(Files.readSymbolicLink(f)).append('\t');
        }
        s.append(Files.size(f)).append('\t').append(Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        s.append('-');
      }
      s.append('\n');
    }
    return s.toString();
  }
}
