package dev.stackscope.dns.resolvconf;

import java.util.ArrayList;
import java.util.List;

/**
 * Queries as a server saw them ("NAME TYPE ..."), with each pair sent together put in one order: an
 * AAAA directly followed by the A of the same name (and the same rest) becomes A, AAAA. glibc sends
 * the A first, and stackscope hands it to the network first, but on its own socket and thread the
 * AAAA may overtake it on a busy machine: which of a pair came first is not asserted.
 */
public final class QueryPairs {
  private QueryPairs() {}

  public static List<String> canonical(List<String> queries) {
    List<String> out = new ArrayList<>(queries);
    for (int i = 0; i + 1 < out.size(); i++) {
      String[] a = out.get(i).split(" ", 3);
      String[] b = out.get(i + 1).split(" ", 3);
      if (a.length >= 2
          && b.length >= 2
          && a[0].equals(b[0])
          && a[1].equals("AAAA")
          && b[1].equals("A")
          && (a.length == 2 ? "" : a[2]).equals(b.length == 2 ? "" : b[2])) {
        out.set(i, String.join(" ", b));
        out.set(i + 1, String.join(" ", a));
        i++;
      }
    }
    return out;
  }
}
