package dev.stackscope.cli.stack;

import dev.stackscope.cli.dns.TraceWords;
import dev.stackscope.cli.http.HttpMasking;
import dev.stackscope.http.CacheVerdict;
import dev.stackscope.http.Header;
import dev.stackscope.http.HttpResult;
import dev.stackscope.http.HttpResult.Hop;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.stack.ExplainerFromProcess.FromProcess;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.HttpExplainer.HttpExplanation;
import dev.stackscope.stack.RequestPath.PathHop;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code explain --http}'s words: the explanation as {@link ExplainView} shows it, then the HTTP
 * step (status, server, TLS summary, cache verdict) and the request path through the stack. In
 * JSON, the explanation's fields with {@code http} and {@code requestPath} beside them.
 */
final class ExplainHttpView {
  private ExplainHttpView() {}

  static void show(Output out, Explanation e, HttpExplanation h) {
    show(out, e, h, null);
  }

  /** With {@code from} ({@code --from PID}): its lookup and view, as {@link ExplainView} shows. */
  static void show(Output out, Explanation e, HttpExplanation h, FromProcess from) {
    if (h == null) { // nothing connected: nothing was asked
      ExplainView.show(out, e, from);
      return;
    }
    Hop hop =
        HttpMasking.mask(new HttpResult(List.of(h.http()), HttpResult.Outcome.OK), out.reveal())
            .last();
    if (out.json()) {
      Map<String, Object> doc = fields(ExplainView.masked(out, e));
      doc.put("http", hop);
      doc.put("requestPath", h.requestPath());
      if (from != null) {
        doc.put("from", from);
      }
      out.json(doc, TraceWords::json);
      return;
    }
    ExplainView.show(out, e, from, false);
    out.blank();
    out.detail(section(3 + e.addresses().size() + 1, hop, h.requestPath()));
    if (from != null) {
      out.line(Text.of(ExplainView.fromLine(e, from, true), Style.DIM));
    }
    if (hop.failure() != null) {
      out.note("http: " + hop.failure().step() + ": " + hop.failure().message());
    }
  }

  /** The record's components by name, in order (the JSON the output layer would write for it). */
  static Map<String, Object> fields(Record r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        m.put(c.getName(), c.getAccessor().invoke(r));
      } catch (ReflectiveOperationException x) {
        throw new IllegalStateException("cannot read " + c.getName(), x);
      }
    }
    return m;
  }

  private static Detail section(int n, Hop hop, List<PathHop> path) {
    Detail d = new Detail(Text.of(""));
    Detail.Section s = d.section(n + ". HTTP");
    s.field("request", hop.method() + " " + hop.url());
    if (hop.tls() != null) {
      s.field(
          "TLS",
          hop.tls().protocol()
              + (hop.tls().alpn() == null ? "" : ", ALPN " + hop.tls().alpn())
              + (hop.tls().verified()
                  ? ", verified"
                  : ", does not verify: " + hop.tls().problem()));
    }
    if (hop.response() != null) {
      HttpResult.Response r = hop.response();
      s.field(
          "status",
          "HTTP/"
              + r.version()
              + " "
              + r.status()
              + (r.reason().isEmpty() ? "" : " " + r.reason()));
      for (Header f : r.headers()) {
        if (f.is("Server")) {
          s.field("server", f.value());
        }
      }
    }
    if (hop.redirect() != null) {
      s.field("redirects to", hop.redirect().to() + " (" + hop.redirect().kind() + ")");
    }
    CacheVerdict c = hop.cache();
    if (c != null) {
      s.field(
          "caching",
          c.storable()
              ? "shared caches may store it"
              : "not storable: "
                  + String.join(
                      ", ", c.notStorableBecause().stream().map(String::valueOf).toList()));
      for (CacheVerdict.CacheHop ch : c.servedBy()) {
        s.field("served by", ch.cache() + ": " + ch.result().toString().toUpperCase(Locale.ROOT));
      }
    }
    if (hop.failure() != null) {
      s.field("failed", hop.failure().step() + ": " + hop.failure().message());
    }
    if (!path.isEmpty()) {
      List<String> hops = new ArrayList<>();
      for (PathHop p : path) {
        hops.add(p.program() + (p.pid() == null ? "" : " pid " + p.pid()));
      }
      s.field("request path", String.join(" → ", hops));
    }
    return d;
  }
}
