package dev.stackscope.server;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The launcher's "rebuild when the sources are newer" check ({@code find pom.xml src/main -newer
 * JAR}) for one checkout, kept by the server so that a served run does not pay for it: the tree is
 * walked once, then again only after the file system has reported a change in it (inotify, through
 * the JDK's {@link WatchService}). Without a watch service every check walks the tree.
 *
 * <p>A change made just before a request can reach the watch a moment after it; the request is then
 * served by this build, as it would have been a moment earlier.
 */
final class SourceWatch implements AutoCloseable {
  private final Path checkout;
  private final FileTime built;
  private final WatchService service;

  /** Whether the last walk registered every directory: only then do events tell all changes. */
  private boolean watched;

  private boolean newer;
  private int walks;

  /**
   * Watches {@code checkout}'s pom.xml and src/main against a jar last modified at {@code built}.
   */
  SourceWatch(Path checkout, FileTime built) {
    this.checkout = checkout;
    this.built = built;
    WatchService s;
    try {
      s = checkout.getFileSystem().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      s = null; // walk every time (UnsupportedOperationException: no watch service here)
    }
    this.service = s;
  }

  /** Whether pom.xml, src/main or anything under it is newer than the jar. */
  synchronized boolean sourcesNewer() {
    if (changed() || !watched) {
      watched = service != null;
      walks++;
      newer = walk();
      if (newer) {
        watched = false; // the walk stopped early, so not every directory is registered
      }
    }
    return newer;
  }

  /** How many times the tree was walked (for tests: a quiet tree is walked once). */
  synchronized int walks() {
    return walks;
  }

  /** Drains the watch's events: anything at all (even an overflow) means walk again. */
  private boolean changed() {
    if (service == null) {
      return true;
    }
    boolean any = false;
    try {
      WatchKey key;
      while ((key = service.poll()) != null) {
        key.pollEvents();
        key.reset();
        any = true;
      }
    } catch (ClosedWatchServiceException e) {
      return true;
    }
    return any;
  }

  /**
   * Registers every directory (again: registering is idempotent, and new directories need it) and
   * compares every modification time with the jar's. Directories are registered before their
   * entries are looked at, so a change after the look is reported.
   */
  private boolean walk() {
    register(checkout); // pom.xml, and src/ appearing
    if (newer(checkout.resolve("pom.xml"))) {
      return true;
    }
    Path src = checkout.resolve("src");
    if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
      register(src); // main/ appearing
    }
    return walk(src.resolve("main"));
  }

  private boolean walk(Path dir) {
    BasicFileAttributes attributes = attributes(dir);
    if (attributes == null) {
      return false;
    }
    if (attributes.lastModifiedTime().compareTo(built) > 0) {
      return true;
    }
    if (!attributes.isDirectory()) {
      return false;
    }
    register(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (walk(entry)) {
          return true;
        }
      }
    } catch (IOException e) {
      return false; // unreadable: find(1) would say so and not call for a rebuild either
    }
    return false;
  }

  private boolean newer(Path file) {
    BasicFileAttributes attributes = attributes(file);
    return attributes != null && attributes.lastModifiedTime().compareTo(built) > 0;
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private void register(Path dir) {
    if (service == null) {
      return;
    }
    try {
      dir.register(
          service,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException | ClosedWatchServiceException e) {
      watched = false; // not watchable (no inotify watches left): walk on every check
    }
  }

  @Override
  public synchronized void close() {
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
