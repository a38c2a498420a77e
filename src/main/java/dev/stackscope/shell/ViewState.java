package dev.stackscope.shell;

import java.time.Duration;

/** What the person watching has chosen: interval, pause, sort column and order, filter, scroll. */
final class ViewState {
  Duration interval;
  boolean paused;

  /** The sort column, -1 for the command's own order. */
  int sortColumn = -1;

  boolean reverse;
  String filter = "";
  int scroll;

  ViewState(Duration interval) {
    this.interval = interval;
  }

  /** {@code >}: the next column, wrapping through "the command's order" (-1). */
  void sortRight(int columns) {
    if (columns > 0) {
      sortColumn = sortColumn + 1 >= columns ? -1 : sortColumn + 1;
    }
  }

  /** {@code <}: the previous column. */
  void sortLeft(int columns) {
    if (columns > 0) {
      sortColumn = sortColumn <= -1 ? columns - 1 : sortColumn - 1;
    }
  }

  boolean matches(String plain) {
    return filter.isEmpty()
        || plain
            .toLowerCase(java.util.Locale.ROOT)
            .contains(filter.toLowerCase(java.util.Locale.ROOT));
  }
}
