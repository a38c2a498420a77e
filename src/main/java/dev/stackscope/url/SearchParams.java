package dev.stackscope.url;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A URL's query as the URL Standard's {@code URLSearchParams} sees it: an ordered list of
 * name/value pairs, parsed and serialised as application/x-www-form-urlencoded. Every change runs
 * the Standard's update steps: the list is serialised back into the URL (an empty list leaves no
 * query at all), exactly as {@code url.searchParams.append(...)} does in a browser.
 */
public final class SearchParams {
  private final List<FormUrlEncoded.Param> list;

  private SearchParams(List<FormUrlEncoded.Param> list) {
    this.list = list;
  }

  /** The pairs of {@code url}'s query. */
  public static SearchParams of(WhatwgUrl url) {
    return new SearchParams(FormUrlEncoded.parse(url.query()));
  }

  public List<FormUrlEncoded.Param> list() {
    return List.copyOf(list);
  }

  public void append(String name, String value) {
    list.add(new FormUrlEncoded.Param(name, value));
  }

  /** Removes every pair named {@code name}. */
  public void delete(String name) {
    list.removeIf(p -> p.key().equals(name));
  }

  /** Removes every pair whose name {@code names} accepts (a glob, for instance). */
  public void deleteIf(Predicate<String> names) {
    list.removeIf(p -> names.test(p.key()));
  }

  /** Sorts by name in UTF-16 code unit order, stable for equal names (as the Standard does). */
  public void sort() {
    list.sort(Comparator.comparing(FormUrlEncoded.Param::key));
  }

  /** The application/x-www-form-urlencoded serialisation of the list. */
  public String serialize() {
    StringBuilder out = new StringBuilder();
    for (FormUrlEncoded.Param p : list) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(p.key())).append('=').append(encode(p.value()));
    }
    return out.toString();
  }

  /** {@code url} with its query replaced by this list (the Standard's update steps). */
  public WhatwgUrl applyTo(WhatwgUrl url) {
    String query = serialize();
    WhatwgUrl updated = UrlSetters.withQuery(url, query.isEmpty() ? null : query);
    return query.isEmpty() ? UrlSetters.stripOpaquePathSpaces(updated) : updated;
  }

  private static String encode(String s) {
    if (s.indexOf(' ') < 0) {
      return PercentEncoding.encode(s, PercentEncoding.FORM);
    }
    List<String> parts = new ArrayList<>();
    for (String piece : s.split(" ", -1)) {
      parts.add(PercentEncoding.encode(piece, PercentEncoding.FORM));
    }
    return String.join("+", parts);
  }
}
