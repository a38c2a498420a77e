package dev.stackscope.url;

import java.util.List;

/**
 * What to change in each URL, trurl-style, applied in this order: resolve {@code redirect} against
 * the URL, run the {@code sets} in order (the URL API's setters), then edit the query as a list:
 * delete the named pairs, delete the pairs whose name matches a {@code trims} glob, append the
 * {@code appends}, sort. Any query edit re-serialises the query as {@code URLSearchParams} does.
 */
public record UrlEdit(
    String redirect,
    List<Assignment> sets,
    List<String> deletes,
    List<String> trims,
    List<FormUrlEncoded.Param> appends,
    boolean sortQuery) {
  /** One {@code --set COMPONENT=VALUE}. */
  public record Assignment(UrlComponent component, String value) {}

  public UrlEdit {
    sets = List.copyOf(sets);
    deletes = List.copyOf(deletes);
    trims = List.copyOf(trims);
    appends = List.copyOf(appends);
  }

  public static final UrlEdit NONE =
      new UrlEdit(null, List.of(), List.of(), List.of(), List.of(), false);

  public boolean isEmpty() {
    return redirect == null && sets.isEmpty() && !editsQuery();
  }

  public boolean editsQuery() {
    return !deletes.isEmpty() || !trims.isEmpty() || !appends.isEmpty() || sortQuery;
  }
}
