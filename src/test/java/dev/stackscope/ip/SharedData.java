package dev.stackscope.ip;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test data ({@code ../shared/data} next to the repo, or /work/shared/data). */
final class SharedData {
  private SharedData() {}

  static Path iana(String file) {
    Path repo = Path.of(System.getProperty("stackscope.repo", "."));
    for (Path root : new Path[] {repo.resolve("../shared/data"), Path.of("/work/shared/data")}) {
      Path p = root.resolve("iana").resolve(file);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    assumeTrue(
        false,
        "IANA registry CSV absent: "
            + repo.resolve("../shared/data/iana/" + file)
            + " (and /work/shared/data/iana/"
            + file
            + ")");
    return null;
  }
}
