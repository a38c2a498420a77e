package dev.stackscope.cli.url;

import dev.stackscope.output.Detail;
import dev.stackscope.output.Text;
import dev.stackscope.url.Confusables;
import dev.stackscope.url.FormUrlEncoded;
import dev.stackscope.url.QueryRedaction;
import dev.stackscope.url.UrlAnatomy;

/** The text view of one URL's anatomy: sections URL, Host, Port, Path, Query, Fragment. */
final class UrlDetailView {
  private UrlDetailView() {}

  static Detail of(UrlAnatomy a, boolean redacted) {
    Detail d = new Detail(Text.empty());
    d.section("URL")
        .field("href", a.href())
        .field("origin", a.origin())
        .field("scheme", a.scheme())
        .field("username", a.username().isEmpty() ? null : a.username())
        .field("password", a.password().isEmpty() ? null : a.password());
    if (a.hostType() != null) {
      Detail.Section h = d.section("Host").field("host", a.hostname()).field("type", a.hostType());
      if (a.unicodeHostname() != null && !a.unicodeHostname().equals(a.hostname())) {
        h.field("unicode", a.unicodeHostname());
      }
      if (a.confusable() != null && a.confusable().suspicious()) {
        h.field("confusable", confusable(a.confusable()));
      }
      if (a.publicSuffix() != null) {
        h.field("subdomain", a.subdomain())
            .field("registrable domain", a.registrableDomain())
            .field(
                "public suffix",
                a.publicSuffix()
                    + (a.publicSuffixSection() == null
                        ? " (not on the list: default rule)"
                        : " (" + a.publicSuffixSection() + ")"));
      }
      d.section("Port")
          .field("port", a.port().isEmpty() ? null : a.port())
          .field("default", a.defaultPort())
          .field("effective", a.effectivePort());
    }
    Detail.Section p = d.section("Path").field("pathname", a.pathname());
    for (int i = 0; i < a.pathSegments().size(); i++) {
      p.field("segment " + (i + 1), a.pathSegments().get(i));
    }
    if (!a.search().isEmpty()) {
      Detail.Section q = d.section("Query").field("search", a.search());
      for (FormUrlEncoded.Param param : a.queryParams()) {
        String value = param.value();
        if (QueryRedaction.isSecret(param.key()) && !value.isEmpty()) {
          value += redacted ? "  (secret, redacted)" : "  (secret-looking: --redact masks it)";
        }
        q.field(param.key().isEmpty() ? "(empty key)" : param.key(), value);
      }
    }
    if (!a.hash().isEmpty()) {
      d.section("Fragment").field("hash", a.hash());
    }
    return d;
  }

  /** "mixed Cyrillic + Latin; looks like paypal.com". */
  static String confusable(Confusables.Verdict v) {
    return ConfusableNote.describe(v);
  }
}
