package dev.stackscope.cli.url;

import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.url.Confusables;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.UrlInspector;
import dev.stackscope.url.WhatwgUrl;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * The words of a confusable-name warning (UTS #39, {@link Confusables}), the same in every view
 * that shows a name from outside: {@code url}'s Host section, {@code dns resolve}/{@code trace}
 * answers, {@code explain}'s target and {@code http}'s redirect targets.
 */
public final class ConfusableNote {
  private ConfusableNote() {}

  /** "mixed Cyrillic + Latin; looks like paypal.com". */
  public static String describe(Confusables.Verdict v) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (v.mixedScript()) {
      parts.add("mixed " + String.join(" + ", v.scripts()));
    } else if (v.wholeScript()) {
      parts.add("whole-script confusable (" + String.join(" + ", v.scripts()) + ")");
    }
    if (v.invisible()) {
      parts.add("invisible characters");
    }
    if (v.looksLike() != null) {
      parts.add("looks like " + v.looksLike());
    }
    return String.join("; ", parts);
  }

  /** The warning for a DNS name (ASCII, punycode or Unicode), or null when it is not suspicious. */
  public static String of(String name) {
    Confusables.Verdict v = Confusables.checkName(name);
    return v != null && v.suspicious() ? describe(v) : null;
  }

  /** The warning for the host of a URL, or null (also for a URL that does not parse). */
  public static String ofUrl(String url) {
    try {
      return of(UrlInspector.unicodeHostname(WhatwgUrl.parse(url)));
    } catch (InvalidUrlException e) {
      return null;
    }
  }

  /** One line per suspicious name among {@code names} (each once), below a table of them. */
  public static void lines(Output out, Collection<String> names) {
    for (String name : new LinkedHashSet<>(names)) {
      String note = of(name);
      if (note != null) {
        out.line(Text.of("confusable: ", Style.YELLOW).add(name + ": " + note));
      }
    }
  }
}
