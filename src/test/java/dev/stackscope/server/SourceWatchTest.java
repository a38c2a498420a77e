package dev.stackscope.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatchTest {
  @TempDir Path checkout;

  private final FileTime built = FileTime.fromMillis(System.currentTimeMillis());
  private final FileTime before = FileTime.fromMillis(built.toMillis() - 60_000);
  private final FileTime after = FileTime.fromMillis(built.toMillis() + 60_000);

  /** pom.xml and src/main/java/A.java, everything older than the jar. */
  private Path source() throws IOException {
    Path a =
        Files.writeString(
            Files.createDirectories(checkout.resolve("src/main/java")).resolve("A.java"),
            "class A {}");
    Files.writeString(checkout.resolve("pom.xml"), "<project/>");
    for (Path p :
        new Path[] {
          a,
          a.getParent(),
          checkout.resolve("src/main"),
          checkout.resolve("src"),
          checkout.resolve("pom.xml"),
          checkout
        }) {
      Files.setLastModifiedTime(p, before);
    }
    return a;
  }

  /** Checks until the watch reports newer sources (its events arrive a moment after the change). */
  private static boolean becomesNewer(SourceWatch watch) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (watch.sourcesNewer()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  @Test
  void aQuietTreeIsWalkedOnceAndAnEditedFileIsNoticed() throws Exception {
    Path a = source();
    try (SourceWatch watch = new SourceWatch(checkout, built)) {
      assertFalse(watch.sourcesNewer());
      assertFalse(watch.sourcesNewer());
      assertFalse(watch.sourcesNewer());
      assertEquals(1, watch.walks(), "no change, no second walk");

      Files.setLastModifiedTime(a, after); // touch(1): an attribute change, no write
      assertTrue(becomesNewer(watch));
      assertTrue(watch.sourcesNewer(), "newer until the jar is rebuilt");
    }
  }

  @Test
  void aFileInANewDirectoryAndAnEditedPomAreNoticed() throws Exception {
    source();
    try (SourceWatch watch = new SourceWatch(checkout, built)) {
      assertFalse(watch.sourcesNewer());
      Path dir = Files.createDirectories(checkout.resolve("src/main/java/pkg"));
      Files.setLastModifiedTime(dir, before);
      Files.setLastModifiedTime(dir.getParent(), before);
      // the creation is an event: a check walks again (nothing newer) and watches the new directory
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (watch.walks() < 2 && System.nanoTime() < deadline) {
        assertFalse(watch.sourcesNewer());
        Thread.sleep(10);
      }
      assertTrue(watch.walks() >= 2, "the new directory's creation was reported");
      Thread.sleep(200); // the events of our own setLastModifiedTime calls, then quiet
      watch.sourcesNewer();
      int walks = watch.walks();
      assertFalse(watch.sourcesNewer());
      assertEquals(walks, watch.walks(), "quiet again");
      Path b = Files.writeString(dir.resolve("B.java"), "class B {}");
      Files.setLastModifiedTime(b, after);
      assertTrue(becomesNewer(watch), "a file written into a directory made after the first walk");
    }
    try (SourceWatch fresh = new SourceWatch(checkout, FileTime.fromMillis(after.toMillis() + 1))) {
      assertFalse(fresh.sourcesNewer(), "everything is older than a newer jar");
      Files.setLastModifiedTime(
          checkout.resolve("pom.xml"), FileTime.fromMillis(after.toMillis() + 60_000));
      assertTrue(becomesNewer(fresh), "pom.xml");
    }
  }

  @Test
  void aCheckoutWithoutSourcesIsNeverNewer() throws Exception {
    try (SourceWatch watch = new SourceWatch(checkout.resolve("installed"), built)) {
      assertFalse(watch.sourcesNewer());
    }
  }
}
