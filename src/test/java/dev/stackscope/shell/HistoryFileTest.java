package dev.stackscope.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryFileTest {
  @Test
  void explicitPathThenHomeThenUserHome() {
    assertEquals(
        Path.of("/tmp/h"),
        HistoryFile.resolve(Map.of("STACKSCOPE_HISTORY", "/tmp/h", "HOME", "/x")));
    assertEquals(
        Path.of("/home/ann/.stackscope_history"), HistoryFile.resolve(Map.of("HOME", "/home/ann")));
    assertEquals(
        Path.of(System.getProperty("user.home"), ".stackscope_history"),
        HistoryFile.resolve(Map.of()));
  }
}
