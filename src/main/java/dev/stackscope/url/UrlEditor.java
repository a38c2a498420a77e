package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Applies a {@link UrlEdit} to URLs; one instance per thread (it reuses a parser). */
public final class UrlEditor {
  private final UrlParser parser = new UrlParser();
  private final UrlEdit edit;
  private final List<Predicate<String>> trims = new ArrayList<>();

  public UrlEditor(UrlEdit edit) {
    this.edit = edit;
    for (String glob : edit.trims()) {
      trims.add(glob(glob));
    }
  }

  /** A setter or the redirect that the Standard refused, for one URL. */
  public static final class EditFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    EditFailedException(String what, UrlFailure failure) {
      super(what + ": " + failure.message(), null, false, false);
    }
  }

  /** {@code url} with the edit applied. */
  public WhatwgUrl apply(WhatwgUrl url) throws EditFailedException {
    if (edit.redirect() != null) {
      try {
        url = parser.parse(edit.redirect(), url, ValidationLog.DISCARD);
      } catch (InvalidUrlException e) {
        throw new EditFailedException("--redirect", e.failure());
      }
    }
    for (UrlEdit.Assignment set : edit.sets()) {
      UrlSetters.Outcome outcome = UrlSetters.set(parser, url, set.component(), set.value());
      if (outcome.failure() != null) {
        throw new EditFailedException("--set " + set.component().jsName(), outcome.failure());
      }
      url = outcome.url();
    }
    if (!edit.editsQuery()) {
      return url;
    }
    SearchParams params = SearchParams.of(url);
    edit.deletes().forEach(params::delete);
    trims.forEach(params::deleteIf);
    edit.appends().forEach(p -> params.append(p.key(), p.value()));
    if (edit.sortQuery()) {
      params.sort();
    }
    return params.applyTo(url);
  }

  /** A shell-style glob over a whole key: {@code *} any run, {@code ?} one character. */
  static Predicate<String> glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? "(?s:.*)" : "(?s:.)");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    Pattern p = Pattern.compile(regex.toString());
    return key -> p.matcher(key).matches();
  }
}
