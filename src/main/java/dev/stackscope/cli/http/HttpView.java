package dev.stackscope.cli.http;

import dev.stackscope.http.CacheVerdict;
import dev.stackscope.http.Header;
import dev.stackscope.http.Hsts;
import dev.stackscope.http.HttpResult;
import dev.stackscope.http.HttpResult.Hop;
import dev.stackscope.http.HttpResult.Response;
import dev.stackscope.http.HttpResult.Timing;
import dev.stackscope.http.TlsEndpoint;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text view of {@code http}: one block per request, the final one in full. */
final class HttpView {
  static final int BAR = 30;

  private HttpView() {}

  static void render(Output out, HttpResult r) {
    List<Hop> hops = r.hops();
    for (int i = 0; i < hops.size(); i++) {
      Hop h = hops.get(i);
      boolean last = i == hops.size() - 1;
      Detail d = new Detail(title(h, hops.size() > 1 ? (i + 1) + "  " : ""));
      Detail.Section c = d.section("Request");
      c.field("address", h.address() == null ? "-" : h.address());
      if (h.redirect() != null) {
        c.field(
            "redirect",
            Text.of(h.redirect().to()).add("  (" + h.redirect().kind() + ")", Style.DIM));
      }
      String confusable =
          h.redirect() == null
              ? null
              : dev.stackscope.cli.url.ConfusableNote.ofUrl(h.redirect().to());
      if (confusable != null) {
        c.field("confusable", Text.of(confusable, Style.YELLOW));
      }
      if (h.failure() != null) {
        c.field(
            "failed",
            Text.of(h.failure().step() + ": ", Style.BOLD_RED).add(h.failure().message()));
      }
      timing(d.section("Timing"), h.timing(), out.settings().unicode());
      if (last) {
        if (h.tls() != null) {
          tls(d, h.tls(), h.hsts());
        }
        if (h.response() != null) {
          response(d, h.response());
        }
        if (h.cache() != null) {
          cache(d.section("Caching"), h.cache());
        }
      }
      if (i > 0) {
        out.blank();
      }
      out.detail(d);
      if (last && h.response() != null && h.response().body() != null) {
        out.blank();
        for (String line : h.response().body().split("\n", -1)) {
          out.value(line);
        }
      }
    }
  }

  private static Text title(Hop h, String prefix) {
    Text t = Text.of(prefix + h.method() + " ", Style.BOLD).add(h.url(), Style.BOLD);
    Response r = h.response();
    if (r != null) {
      Style s =
          r.status() >= 400
              ? Style.BOLD_RED
              : r.status() >= 300 ? Style.BOLD_YELLOW : Style.BOLD_GREEN;
      t.add("  →  ").add(r.status() + (r.reason().isEmpty() ? "" : " " + r.reason()), s);
    } else if (h.failure() != null) {
      t.add("  →  ").add("failed at " + h.failure().step(), Style.BOLD_RED);
    }
    return t;
  }

  static void timing(Detail.Section s, Timing t, boolean unicode) {
    double longest = 0;
    for (Double v : phases(t)) {
      longest = Math.max(longest, v == null ? 0 : v);
    }
    String[] names = {
      "DNS lookup",
      "TCP connect",
      "TLS handshake",
      "request sent",
      "server processing",
      "content transfer"
    };
    List<Double> values = phases(t);
    for (int i = 0; i < names.length; i++) {
      Double v = values.get(i);
      if (v == null) {
        continue;
      }
      int cells = longest <= 0 ? 0 : (int) Math.round(v / longest * BAR);
      String bar = (unicode ? "█" : "#").repeat(Math.max(cells, v > 0 ? 1 : 0));
      s.field(names[i], Text.of(String.format(Locale.ROOT, "%9.2f ms  ", v)).add(bar, Style.CYAN));
    }
    s.field("total", Text.of(String.format(Locale.ROOT, "%9.2f ms", t.totalMs()), Style.BOLD));
  }

  private static List<Double> phases(Timing t) {
    List<Double> out = new ArrayList<>();
    out.add(t.dnsMs());
    out.add(t.connectMs());
    out.add(t.tlsMs());
    out.add(t.sendMs());
    out.add(t.waitMs());
    out.add(t.transferMs());
    return out;
  }

  private static void tls(Detail d, TlsEndpoint t, Hsts hsts) {
    Detail.Section s = d.section("TLS");
    s.field("protocol", t.protocol() + (t.alpn() == null ? "" : ", ALPN " + t.alpn()));
    s.field("cipher", t.cipherSuite());
    s.field(
        "verified",
        t.verified()
            ? Text.of("yes", Style.BOLD_GREEN)
            : Text.of("no: " + t.problem(), Style.BOLD_RED)
                .add(t.detail() == null ? "" : "  (" + t.detail() + ")", Style.DIM));
    s.field("host name", t.hostMatches() ? "matches the certificate" : "not in the certificate");
    s.field("OCSP stapled", t.ocspStapled() ? "yes" : "no");
    s.field(
        "HSTS",
        hsts == null
            ? "none"
            : "max-age "
                + hsts.maxAgeSeconds()
                + " s"
                + (hsts.includeSubDomains() ? ", includeSubDomains" : "")
                + (hsts.preload() ? ", preload" : ""));
    int n = 0;
    for (TlsEndpoint.Certificate c : t.chain()) {
      Detail.Section cs = d.section("Certificate " + n++);
      cs.field("subject", c.subject());
      cs.field("issuer", c.issuer());
      if (!c.subjectAltNames().isEmpty()) {
        cs.field("names", String.join(", ", c.subjectAltNames()));
      }
      Style left =
          c.daysLeft() < 0 ? Style.BOLD_RED : c.daysLeft() < 14 ? Style.BOLD_YELLOW : Style.PLAIN;
      cs.field(
          "valid",
          Text.of(c.notBefore() + " to " + c.notAfter() + "  ")
              .add(
                  c.daysLeft() < 0
                      ? "expired " + -c.daysLeft() + " days ago"
                      : c.daysLeft() + " days left",
                  left));
      cs.field("key", c.keyType() + (c.keyBits() > 0 ? " " + c.keyBits() + " bits" : ""));
      cs.field("signature", c.signatureAlgorithm());
    }
  }

  private static void response(Detail d, Response r) {
    Detail.Section s = d.section("Response");
    s.field(
        "status",
        "HTTP/" + r.version() + " " + r.status() + (r.reason().isEmpty() ? "" : " " + r.reason()));
    String server = header(r, "Server");
    if (server != null) {
      s.field("server", server);
    }
    s.field(
        "content",
        (r.contentType() == null ? "no type" : r.contentType())
            + ", "
            + r.bodyBytes()
            + " bytes"
            + (r.contentEncoding() == null ? "" : ", " + r.contentEncoding())
            + (r.bodyTruncated() ? " (stopped reading at the size limit)" : "")
            + (!r.bodyComplete() && !r.bodyTruncated() ? " (incomplete)" : ""));
    Detail.Section h = d.section("Headers");
    for (Header f : r.headers()) {
      h.field(f.name(), f.value());
    }
  }

  private static void cache(Detail.Section s, CacheVerdict c) {
    s.field(
        "shared caches",
        c.storable()
            ? Text.of("may store it", Style.GREEN)
            : Text.of(
                "may not store it: "
                    + c.notStorableBecause().stream()
                        .map(Object::toString)
                        .collect(Collectors.joining(", ")),
                Style.YELLOW));
    if (c.freshnessSeconds() != null) {
      s.field(
          "fresh for",
          c.freshnessSeconds()
              + " s ("
              + c.freshnessSource()
              + ")"
              + (c.ageSeconds() == null ? "" : ", age " + c.ageSeconds() + " s")
              + (c.fresh() ? ", fresh" : ", stale"));
    } else if (c.ageSeconds() != null) {
      s.field("age", c.ageSeconds() + " s");
    }
    if (c.mustRevalidate()) {
      s.field("revalidate", "with the origin before each reuse");
    }
    List<String> validators = new ArrayList<>();
    if (c.etag() != null) {
      validators.add("ETag " + c.etag());
    }
    if (c.lastModified() != null) {
      validators.add("Last-Modified " + c.lastModified());
    }
    s.field("validators", validators.isEmpty() ? "none" : String.join(", ", validators));
    if (!c.vary().isEmpty()) {
      s.field("varies on", String.join(", ", c.vary()));
    }
    for (CacheVerdict.CacheHop hop : c.servedBy()) {
      s.field(
          "served by",
          Text.of(hop.cache() + ": ")
              .add(
                  hop.result().toString().toUpperCase(Locale.ROOT),
                  hop.result() == CacheVerdict.CacheResult.HIT
                      ? Style.BOLD_GREEN
                      : Style.BOLD_YELLOW)
              .add("  (" + hop.evidence() + ")", Style.DIM));
    }
    for (String v : c.via()) {
      s.field("via", v);
    }
  }

  private static String header(Response r, String name) {
    for (Header h : r.headers()) {
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }
}
