package dev.stackscope.cli.dns;

import dev.stackscope.dns.EdnsReport;
import dev.stackscope.dns.Resolution;
import dev.stackscope.dns.transport.TlsSession;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;

/** The lines under a resolution about its channel (TLS, HTTPS) and the reply's EDNS. */
final class EncryptedViews {
  private EncryptedViews() {}

  /** {@code ednsAsked}: show the EDNS line even when the reply carried no option. */
  static void details(Output out, Resolution r, boolean ednsAsked) {
    if (!r.answered()) {
      return;
    }
    if (r.tls() != null) {
      out.line(tls(r.tls()));
    }
    EdnsReport e = r.edns();
    if (e == null) {
      if (ednsAsked) {
        out.line(Text.of("EDNS: ", Style.BOLD).add("none in the reply (the server ignores EDNS)"));
      }
      return;
    }
    boolean options =
        e.nsid() != null
            || e.clientCookie() != null
            || e.subnet() != null
            || !e.errors().isEmpty()
            || !e.others().isEmpty();
    if (options || ednsAsked) {
      out.line(edns(e));
    }
  }

  static Text tls(TlsSession s) {
    Text t = Text.of(s.url() != null ? "HTTPS: " : "TLS: ", Style.BOLD);
    if (s.url() != null) {
      t.add(s.method() + " " + s.url() + ", " + ("h2".equals(s.alpn()) ? "HTTP/2" : "HTTP/1.1"))
          .add(", ");
    }
    t.add(s.version() == null ? "?" : s.version());
    if (s.url() == null && s.alpn() != null) {
      t.add(", ALPN " + s.alpn());
    }
    if (s.reused()) {
      t.add(", connection reused", Style.DIM);
    } else if (s.handshakeMs() != null) {
      t.add(", handshake " + DnsViews.rttText(s.handshakeMs()));
    }
    t.add(", ");
    if (s.verified()) {
      t.add("certificate verified", Style.GREEN);
    } else {
      t.add("certificate NOT verified: " + s.problem(), Style.RED).add(" (--insecure)", Style.DIM);
    }
    return t;
  }

  static Text edns(EdnsReport e) {
    Text t = Text.of("EDNS: ", Style.BOLD).add("version " + e.version() + ", udp " + e.udpSize());
    if (e.dnssecOk()) {
      t.add(", do");
    }
    if (e.nsid() != null) {
      t.add(", nsid ")
          .add(
              e.nsidText() != null ? "\"" + e.nsidText() + "\" (" + e.nsid() + ")" : e.nsid(),
              Style.CYAN);
    }
    if (e.clientCookie() != null) {
      t.add(", cookie client " + e.clientCookie());
      t.add(e.serverCookie() == null ? " (no server cookie)" : " server " + e.serverCookie());
    }
    if (e.subnet() != null) {
      t.add(", subnet " + e.subnet() + " (address/source/scope)");
    }
    for (String err : e.errors()) {
      t.add(", error " + err, Style.YELLOW);
    }
    for (String o : e.others()) {
      t.add(", option " + o);
    }
    return t;
  }
}
