package dev.stackscope.cli.stack;

import dev.stackscope.cli.dns.ProcessLookupView;
import dev.stackscope.cli.dns.TraceView;
import dev.stackscope.cli.dns.TraceWords;
import dev.stackscope.dns.RecordData;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.process.Secrets;
import dev.stackscope.stack.ExplainerFromProcess.ConnectFrom;
import dev.stackscope.stack.ExplainerFromProcess.FromProcess;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.ConnectAttempt;
import dev.stackscope.stack.Explanation.ConnectError;
import dev.stackscope.stack.Explanation.ConnectStep;
import dev.stackscope.stack.Explanation.ListenerStep;
import dev.stackscope.stack.Explanation.Method;
import dev.stackscope.stack.StackMap;
import java.util.ArrayList;
import java.util.List;

/** {@code explain}'s words: the explanation as numbered steps, or JSON; the notes on stderr. */
final class ExplainView {
  private ExplainView() {}

  /** Prints the explanation (text or JSON), then a note saying why it failed, if it did. */
  static void show(Output out, Explanation e) {
    show(out, e, null);
  }

  /**
   * As {@link #show(Output, Explanation)}; with {@code from} ({@code --from PID}), the process's
   * lookup (every query its C library would send) and whose namespace the connect left from.
   */
  static void show(Output out, Explanation e, FromProcess from) {
    show(out, e, from, true);
  }

  /**
   * As above; {@code fromLine}: whether the last line says whose view it is ({@link #fromLine}).
   */
  static void show(Output out, Explanation e, FromProcess from, boolean fromLine) {
    Explanation shown = masked(out, e);
    if (out.json() && from != null) {
      java.util.Map<String, Object> doc = ExplainHttpView.fields(shown);
      doc.put("from", from);
      out.json(doc, TraceWords::json);
    } else if (out.json()) {
      out.json(shown, TraceWords::json);
    } else {
      render(out, shown, from, fromLine);
    }
    if (e.addresses().isEmpty()) {
      out.note("'" + e.target().host() + "' does not resolve: " + describe(e.resolution()));
    } else if (e.connect() != null && !e.connect().ok()) {
      ConnectStep c = e.connect();
      String to = c.attempts().size() == 1 ? c.address() : e.target().host();
      out.note("connect to " + to + " port " + c.port() + ": " + failure(c));
    }
  }

  /** The explanation with the target's secrets (a URL's password) masked unless --reveal. */
  static Explanation masked(Output out, Explanation e) {
    if (out.reveal()) {
      return e;
    }
    Explanation.Target x = e.target();
    Explanation.Target masked =
        new Explanation.Target(
            shown(out, x.input()), x.scheme(), x.host(), x.port(), x.defaultPort(), x.portSource());
    return new Explanation(masked, e.resolution(), e.addresses(), e.connect());
  }

  /** {@code text} with its secrets masked unless --reveal. */
  static String shown(Output out, String text) {
    return out.reveal() ? text : Secrets.maskText(text, Output.MASK);
  }

  /** The DNS outcome in words: "NXDOMAIN from 127.0.0.53:53", "timeout (dns: 10.0.0.1:53)". */
  static String describe(Explanation.Resolution r) {
    String what =
        switch (r.outcome()) {
          case NXDOMAIN -> "NXDOMAIN (no such name)";
          case NODATA -> "NODATA (the name exists but has no A or AAAA record)";
          case NO_SERVER -> "no DNS server configured";
          case NO_REPLY -> r.error() == null ? "no reply" : "error: " + r.error();
          case FAILED ->
              "failed: "
                  + (r.traces().isEmpty() || r.traces().get(r.traces().size() - 1).error() == null
                      ? r.error()
                      : TraceWords.failure(r.traces().get(r.traces().size() - 1).error()));
          case RCODE ->
              r.error() == null ? "error rcode" : r.error().toLowerCase(java.util.Locale.ROOT);
          default -> r.outcome().toString();
        };
    if (r.server() != null) {
      return what + " from " + r.server();
    }
    return r.source() == null ? what : what + " (" + r.method() + ": " + r.source() + ")";
  }

  private static void render(Output out, Explanation e, FromProcess from, boolean fromLine) {
    out.detail(head(e));
    if (from != null && from.lookup() != null) {
      out.blank();
      ProcessLookupView.render(out, from.lookup(), "PID " + from.pid(), from.upstreams());
    }
    if (!e.resolution().traces().isEmpty()) {
      out.blank();
      out.line(Text.of("Trace from the root", Style.BOLD));
      out.trees(e.resolution().traces().stream().map(TraceView::tree).toList());
    }
    if (!e.addresses().isEmpty()) {
      out.blank();
      out.detail(steps(e));
    }
    if (from != null && fromLine) {
      out.line(Text.of(fromLine(e, from, false), Style.DIM));
    }
  }

  /**
   * Whose view the steps are: "PID 42 has a network namespace of its own: ..."; {@code http}: the
   * HTTP request was made too.
   */
  static String fromLine(Explanation e, FromProcess from, boolean http) {
    if (!from.ownNetworkNamespace()) {
      return "PID "
          + from.pid()
          + " shares this host's network namespace: it sees the same addresses and listeners";
    }
    String connect = http ? "the connect and the HTTP request" : "the connect";
    String made =
        from.lookup() == null
            ? (e.connect() == null ? null : connect + (http ? " were" : " was"))
            : (e.connect() == null
                ? "the lookup was"
                : (http ? "the lookup, " : "the lookup and ") + connect + " were");
    String steps =
        from.addressStepsFrom() == ConnectFrom.PROCESS
            ? "the address steps show its addresses, listeners and routes"
            : "the address steps show this host's addresses and listeners";
    return "PID "
        + from.pid()
        + " has a network namespace of its own"
        + (from.netns() == null ? "" : " (" + from.netns().label() + ")")
        + ": "
        + (made == null ? steps : made + " made from it, and " + steps);
  }

  private static Detail head(Explanation e) {
    Explanation.Target t = e.target();
    Detail d = Detail.titled(t.input());
    Detail.Section target = d.section("1. Target");
    if (t.scheme() != null) {
      target.field("scheme", t.scheme());
    }
    target.field("host", t.host());
    String confusable = dev.stackscope.cli.url.ConfusableNote.of(t.host());
    if (confusable != null) {
      target.field("confusable", confusable);
    }
    target.field("port", t.port() + " (" + t.portSource() + ")");
    if (t.defaultPort() != null) {
      target.field("scheme's default port", t.defaultPort());
    }
    Explanation.Resolution r = e.resolution();
    Detail.Section res = d.section("2. Resolution").field("method", r.method().toString());
    String source = source(r);
    if (source != null) {
      res.field(r.method() == Method.DNS ? "asked" : "source", source);
    }
    res.field("outcome", r.addresses().isEmpty() ? describe(r) : r.outcome().toString());
    if (r.server() != null && !r.addresses().isEmpty()) {
      res.field("answered by", r.server());
    }
    for (RecordData rec : r.records()) {
      res.field(rec.type(), rec.name() + "  ttl " + rec.ttl() + "  " + rec.data());
    }
    if (!r.addresses().isEmpty()) {
      res.field("addresses", String.join(", ", r.addresses()));
    }
    return d;
  }

  /** Where the addresses came from, in words; null for a literal. */
  private static String source(Explanation.Resolution r) {
    return switch (r.method()) {
      case TRACE -> "iterative from the root";
      case DNS -> r.source() == null ? "no DNS server configured" : r.source();
      default -> r.source();
    };
  }

  private static Detail steps(Explanation e) {
    Detail d = new Detail(Text.of(""));
    int n = 3;
    for (AddressStep a : e.addresses()) {
      Detail.Section s = d.section(n++ + ". Address " + a.address());
      s.field("class", a.addressClass());
      s.field("reach", a.meaning());
      s.field("this host's", a.local() ? "yes" : "no");
      if (a.local()) {
        ListenerStep l = a.listener();
        if (l == null) {
          s.field("listener", "nothing listens on port " + e.target().port());
        } else {
          if (l.published() != null) {
            PublishedPortLines.fields(s, l.published());
          }
          s.field(
              "listener",
              (l.program() == null ? "(owner not visible)" : l.program())
                  + (l.pids().isEmpty() ? "" : " pid " + l.pids().get(0)));
          s.field("user", l.user());
          s.field("role", l.role() == null ? "-" : l.role() + replication(l.replication()));
          s.field("bound to", l.address() + " port " + l.port() + " (" + l.scope() + ")");
        }
      } else {
        s.field("leaves by", LeavesBy.text(a));
      }
    }
    ConnectStep c = e.connect();
    if (c != null && c.attempts().size() <= 1) {
      d.section(n + ". Connect")
          .field("to", c.address() + " port " + c.port())
          .field(
              "result",
              c.ok()
                  ? "connected in " + c.millis() + " ms"
                  : failure(c) + " after " + c.millis() + " ms");
    } else if (c != null) {
      // several addresses: each attempt, in Happy Eyeballs order, then the outcome
      Detail.Section s = d.section(n + ". Connect").field("port", c.port());
      int i = 1;
      for (ConnectAttempt a : c.attempts()) {
        s.field("attempt " + i++, a.address() + "  " + attempt(a));
      }
      s.field(
          "result",
          c.ok()
              ? "connected to " + c.address() + " in " + c.millis() + " ms"
              : "no address answered (" + c.millis() + " ms)");
    }
    return d;
  }

  /** One attempt in words: "connected in 3 ms", "refused after 1 ms". */
  private static String attempt(ConnectAttempt a) {
    return a.ok()
        ? "connected in " + a.millis() + " ms"
        : error(a.error(), a.message()) + " after " + a.millis() + " ms";
  }

  /** Why the connect step failed: the one attempt's error, or every attempt's. */
  static String failure(ConnectStep c) {
    if (c.attempts().size() <= 1) {
      ConnectAttempt only = c.attempts().isEmpty() ? null : c.attempts().get(0);
      return only == null ? error(c.error(), null) : error(only.error(), only.message());
    }
    List<String> each = new ArrayList<>();
    for (ConnectAttempt a : c.attempts()) {
      each.add(a.address() + " " + error(a.error(), a.message()));
    }
    return "all " + c.attempts().size() + " addresses failed: " + String.join(", ", each);
  }

  private static String error(ConnectError error, String message) {
    if (error == ConnectError.NO_ADDRESS) {
      return "no address to connect to";
    }
    return error == ConnectError.OTHER && message != null ? message : String.valueOf(error);
  }

  /** ", a read-only replica of postgres@:5432" or ", the primary" (empty when not replicated). */
  static String replication(StackMap.Replication r) {
    if (r == null) {
      return "";
    }
    if (r.position() == StackMap.Position.PRIMARY) {
      return " (primary: replicas follow it)";
    }
    String of = r.of() == null ? "its primary" : r.of() + (r.port() == null ? "" : "@:" + r.port());
    return " (a read-only replica of "
        + of
        + (r.lag() == null ? "" : ", lag " + r.lag() + " bytes")
        + ")";
  }
}
