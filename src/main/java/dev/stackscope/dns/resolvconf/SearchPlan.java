package dev.stackscope.dns.resolvconf;

import java.util.ArrayList;
import java.util.List;

/**
 * The names glibc's res_search tries for a name, in order: a name ending in "." only as it is; one
 * with at least {@code ndots} dots first as it is, then with each search domain; one with fewer,
 * first with each search domain, then as it is.
 */
public final class SearchPlan {
  private SearchPlan() {}

  /** The candidates, absolute (ending in "."), without duplicates. */
  public static List<String> candidates(String name, ResolvConf conf) {
    List<String> out = new ArrayList<>();
    if (name.endsWith(".")) {
      out.add(name);
      return out;
    }
    long dots = name.chars().filter(c -> c == '.').count();
    boolean asIsFirst = dots >= conf.ndots();
    if (asIsFirst) {
      add(out, name + ".");
    }
    for (String domain : conf.search()) {
      String d = domain.endsWith(".") ? domain : domain + ".";
      add(out, d.equals(".") ? name + "." : name + "." + d);
    }
    if (!asIsFirst) {
      add(out, name + ".");
    }
    return out;
  }

  private static void add(List<String> out, String candidate) {
    if (!out.contains(candidate)) {
      out.add(candidate);
    }
  }
}
