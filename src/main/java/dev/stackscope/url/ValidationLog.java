package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the URL Standard's non-fatal validation errors (by their names in the Standard). The
 * {@link #DISCARD} log keeps nothing, so a batch that does not show warnings allocates nothing.
 */
public class ValidationLog {
  /** A log that keeps nothing. */
  public static final ValidationLog DISCARD =
      new ValidationLog() {
        @Override
        public void add(String name) {}
      };

  private List<String> names;

  public void add(String name) {
    if (names == null) {
      names = new ArrayList<>(2);
    }
    if (!names.contains(name)) {
      names.add(name);
    }
  }

  /** The distinct validation errors seen, in order. */
  public List<String> names() {
    return names == null ? List.of() : List.copyOf(names);
  }
}
