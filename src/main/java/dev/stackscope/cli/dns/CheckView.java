package dev.stackscope.cli.dns;

import dev.stackscope.dns.check.DnssecSummary;
import dev.stackscope.dns.check.Finding;
import dev.stackscope.dns.check.ServerReport;
import dev.stackscope.dns.check.ZoneHealth;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;

/** {@code dns check} as text: the servers, the DNSSEC summary, the findings in words. */
final class CheckView {
  private CheckView() {}

  static void render(Output out, ZoneHealth h) {
    Text head = Text.of(h.zone(), Style.BOLD);
    if (h.parent() != null) {
      head.add(
          (h.servers().isEmpty() ? "  parent zone " : "  delegated from ") + h.parent(), Style.DIM);
    }
    head.add("  (" + h.queries() + " queries)", Style.DIM);
    out.line(head);
    if (!h.servers().isEmpty()) {
      Table t =
          Table.of(
              Column.text("SERVER"),
              Column.text("ADDRESS"),
              Column.text("STATUS"),
              Column.number("SERIAL"),
              Column.text("TCP"),
              Column.text("EDNS"),
              Column.number("RTT"));
      for (ServerReport s : h.servers()) {
        t.row(
            s.names().isEmpty() ? "-" : String.join(" ", s.names()),
            s.address(),
            Text.of(
                s.status().toString(),
                s.status() == ServerReport.Status.ANSWERED ? Style.GREEN : Style.RED),
            s.serial() == null ? "-" : s.serial(),
            yesNo(s.tcp()),
            yesNo(s.edns()),
            DnsViews.rttText(s.rttMs()));
      }
      out.table(t);
    }
    DnssecSummary d = h.dnssec();
    out.line(Text.of("DNSSEC: ", Style.BOLD).add(dnssec(d)));
    out.blank();
    if (h.findings().isEmpty()) {
      out.line(Text.of("no findings", Style.GREEN));
      return;
    }
    Table f = Table.of(Column.text("SEVERITY"), Column.text("CODE"), Column.flexible("FINDING"));
    for (Finding x : h.findings()) {
      f.row(
          Text.of(x.severity().toString(), severityStyle(x.severity())),
          x.code().toString(),
          explain(x));
    }
    out.table(f);
  }

  private static String yesNo(Boolean b) {
    return b == null ? "-" : b ? "yes" : "no";
  }

  private static Style severityStyle(dev.stackscope.dns.check.Severity s) {
    return switch (s) {
      case ERROR -> Style.RED;
      case WARNING -> Style.YELLOW;
      case NOTICE -> Style.DIM;
    };
  }

  static String dnssec(DnssecSummary d) {
    if (!d.signed()) {
      return "not signed";
    }
    StringBuilder sb = new StringBuilder("signed");
    if (!d.dsKeyTags().isEmpty()) {
      sb.append("; DS ").append(tags(d.dsKeyTags()));
      sb.append(
          d.matchedKeyTags().isEmpty()
              ? " matches no key"
              : " matches key " + tags(d.matchedKeyTags()));
    } else {
      sb.append("; no DS at the parent");
    }
    if (!d.keyTags().isEmpty()) {
      sb.append("; keys ").append(tags(d.keyTags()));
    }
    if (d.expires() != null) {
      sb.append("; signatures valid until ")
          .append(d.expires())
          .append(" (")
          .append(days(d.daysLeft()))
          .append(")");
    }
    if (d.denial() != null) {
      sb.append("; denial: ").append(d.denial().toString().toUpperCase(java.util.Locale.ROOT));
    }
    return sb.toString();
  }

  private static String tags(java.util.List<Integer> tags) {
    return String.join(" ", tags.stream().map(String::valueOf).toList());
  }

  private static String days(Long n) {
    return n == 1 ? "1 day" : n + " days";
  }

  /** Who a finding is about: "ns1.example. 192.0.2.1", "example. SOA", or the zone. */
  static String subject(Finding f) {
    StringBuilder sb = new StringBuilder();
    for (String part : new String[] {f.server(), f.address(), f.rrset()}) {
      if (part != null) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(part);
      }
    }
    return sb.toString();
  }

  /** The one-line explanation of a finding, in words. */
  static String explain(Finding f) {
    String who = subject(f);
    String prefix = who.isEmpty() ? "" : who + ": ";
    String text =
        switch (f.code()) {
          case PARENT_NO_REPLY -> "no server of the parent zone replied";
          case NOT_DELEGATED -> "the parent has no delegation for this zone";
          case NO_REPLY -> "no reply (timeout)";
          case UNREACHABLE -> "could not be reached";
          case REFUSED -> "refuses to answer for the zone (lame delegation)";
          case LAME -> "answers without the AA flag: not authoritative (lame delegation)";
          case ERROR_RCODE ->
              "answers with an error" + (f.found() == null ? "" : " (" + f.found() + ")");
          case NS_NO_ADDRESS -> "nameserver has no address (no glue, no A or AAAA)";
          case SERIAL_BEHIND -> "SOA serial " + f.found() + " is behind " + f.expected();
          case NS_ONLY_AT_PARENT ->
              "in the parent's NS set only (parent: " + f.expected() + "; zone: " + f.found() + ")";
          case NS_ONLY_AT_CHILD ->
              "in the zone's NS set only (parent: " + f.expected() + "; zone: " + f.found() + ")";
          case NS_SETS_DIFFER -> "lists NS " + f.found() + ", other servers " + f.expected();
          case GLUE_MISMATCH ->
              "glue at the parent " + f.found() + " differs from the zone's " + f.expected();
          case GLUE_MISSING -> "inside the zone but no glue at the parent";
          case NO_TCP -> "does not answer over TCP (RFC 7766 requires it)";
          case NO_EDNS -> "answers EDNS queries without an OPT record";
          case EDNS_FORMERR -> "answers EDNS queries with FORMERR";
          case OPEN_RESOLVER -> "answers recursive queries for other names (open resolver)";
          case DS_NO_MATCHING_KEY ->
              "DS " + f.expected() + " at the parent matches no DNSKEY (" + f.found() + ")";
          case DNSKEY_MISSING -> "no DNSKEY records, yet the parent has DS";
          case NO_DS ->
              "the zone has keys ("
                  + f.found()
                  + ") but the parent has no DS: not validated from the root";
          case SIGNATURE_MISSING -> "no RRSIG in a signed zone";
          case SIGNATURE_INVALID -> "RRSIG does not verify with the zone's keys";
          case SIGNATURE_EXPIRED -> "RRSIG expired at " + f.found();
          case SIGNATURE_EXPIRING ->
              "RRSIG expires at " + f.found() + " (in " + days(f.number()) + ")";
          case DENIAL_MISSING -> "negative answer without NSEC or NSEC3";
          case NEGATIVE_TTL_LONG ->
              "negative answers are cached for " + f.number() + " s (SOA minimum; more than a day)";
          case NEGATIVE_TTL_SHORT ->
              "negative answers are cached for only "
                  + f.number()
                  + " s (SOA minimum; under 5 minutes)";
          case NS_TTL_SHORT -> "NS TTL " + f.number() + " s is short (under an hour)";
          case NS_TTL_LONG -> "NS TTL " + f.number() + " s is long (over a week)";
        };
    return prefix + text;
  }
}
