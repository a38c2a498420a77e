package dev.stackscope.cli.dns;

import dev.stackscope.dns.resolvconf.ProcessLookup.Lookup;
import dev.stackscope.dns.resolvconf.ProcessLookup.Query;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import java.util.List;

/** dns resolve --as / --search: the settings, every query in order, the answer, the cost. */
public final class ProcessLookupView {
  private ProcessLookupView() {}

  /** The search list and, unless it is resolv.conf's, where it came from. */
  private static String search(Lookup l) {
    String list = l.search().isEmpty() ? "(none)" : String.join(" ", l.search());
    return switch (l.searchFrom()) {
      case FILE -> list;
      case LOCALDOMAIN -> list + " (LOCALDOMAIN)";
      case HOSTNAME -> list + " (the domain of the hostname " + l.hostname() + ")";
      case NONE -> "(none: no search line, and the hostname " + l.hostname() + " has no domain)";
      case HOSTNAME_UNKNOWN ->
          "(none: no search line, and the hostname could not be read, so its domain, glibc's"
              + " default, is not applied)";
    };
  }

  /** What options rotate did: the random first server, then one further per query. */
  private static String rotation(Lookup l) {
    if (!l.rotate()) {
      return "";
    }
    if (l.rotateFirst() == null) {
      return ", rotate: one nameserver, nothing to rotate";
    }
    return ", rotate: a random first server, "
        + l.rotateFirst()
        + " this time, then each query the next";
  }

  public static void render(Output out, Lookup l, String whose, List<String> upstreams) {
    out.line(Text.of(l.name(), Style.BOLD).add(" as " + whose + " resolves it", Style.DIM));
    out.line(
        Text.of(
            "  hosts: "
                + String.join(" ", l.sources())
                + "; search: "
                + search(l)
                + "; ndots "
                + l.ndots()
                + "; nameservers "
                + String.join(" ", l.nameservers())
                + " (timeout "
                + l.timeoutSeconds()
                + "s, attempts "
                + l.attempts()
                + rotation(l)
                + "; "
                + l.pairing().words()
                + ")",
            Style.DIM));
    if (!upstreams.isEmpty()) {
      out.line(
          Text.of(
              "  127.0.0.53 is systemd-resolved's stub; its upstream servers: "
                  + String.join(" ", upstreams),
              Style.DIM));
    }
    if (!l.queries().isEmpty()) {
      Table t =
          Table.of(
              Column.number("#"),
              Column.text("QUERY"),
              Column.text("TYPE"),
              Column.text("OUTCOME"),
              Column.number("TIME"),
              Column.text("SERVER"));
      int i = 1;
      for (Query q : l.queries()) {
        t.row(
            i++,
            q.name(),
            q.type(),
            Text.of(
                q.outcome() + (q.answers() > 0 ? " (" + q.answers() + ")" : ""),
                "NOERROR".equals(q.outcome()) && q.answers() > 0 ? Style.GREEN : Style.YELLOW),
            DnsViews.rttText(q.rttMs()),
            q.server());
      }
      out.table(t);
    }
    if (l.answeredBy() == null) {
      out.line(Text.of("no address", Style.RED).add(" (every source and candidate tried)"));
    } else {
      out.line(
          Text.of("answer", Style.BOLD)
              .add(" from " + l.answeredBy() + " for " + l.answerName() + ": ")
              .add(String.join(" ", l.addresses()), Style.GREEN));
    }
    if (!l.skippedSources().isEmpty()) {
      out.line(
          Text.of("  not emulated (nsswitch): " + String.join(" ", l.skippedSources()), Style.DIM));
    }
    if (l.searchQueries() > 0) {
      out.line(
          Text.of(
              "the search list cost "
                  + l.searchQueries()
                  + " quer"
                  + (l.searchQueries() == 1 ? "y" : "ies")
                  + ", "
                  + DnsViews.rttText(l.searchMs())
                  + (l.answeredBy() == null ? "" : " before the answer"),
              Style.YELLOW));
    }
  }
}
