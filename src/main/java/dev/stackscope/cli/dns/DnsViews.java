package dev.stackscope.cli.dns;

import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.Resolution;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import java.util.List;
import java.util.Locale;

/** Text views shared by the dns commands. */
final class DnsViews {
  private DnsViews() {}

  static Table records(List<RecordData> records) {
    Table t =
        Table.of(
            Column.text("NAME"),
            Column.number("TTL"),
            Column.text("TYPE"),
            Column.flexible("DATA"));
    for (RecordData r : records) {
      t.row(r.name(), r.ttl(), r.type(), r.data());
    }
    return t;
  }

  static Text recordLine(RecordData r) {
    return Text.of(r.name())
        .add(" " + r.ttl() + " ", Style.DIM)
        .add(r.type(), Style.CYAN)
        .add(" " + r.data());
  }

  /** A warning line per confusable name among the records' owners and CNAME/PTR/NS targets. */
  static void confusables(Output out, List<RecordData> records) {
    List<String> names = new java.util.ArrayList<>();
    for (RecordData r : records) {
      names.add(r.name());
      if (List.of("CNAME", "DNAME", "PTR", "NS").contains(r.type())) {
        names.add(r.data());
      }
    }
    dev.stackscope.cli.url.ConfusableNote.lines(out, names);
  }

  static String rttText(Double ms) {
    if (ms == null) {
      return "-";
    }
    return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
  }

  static Style rcodeStyle(String rcode) {
    return "NOERROR".equals(rcode) ? Style.GREEN : Style.RED;
  }

  /** The heading of one query: the name (and its Unicode form), type, rcode, flags, server. */
  static Text heading(Resolution r) {
    Text t = Text.of(r.name(), Style.BOLD);
    if (r.unicode() != null) {
      t.add(" (" + r.unicode() + ")");
    }
    t.add(" " + r.type(), Style.CYAN);
    if (!r.answered()) {
      return t.add("  no reply", Style.RED);
    }
    t.add("  ").add(r.rcode(), rcodeStyle(r.rcode()));
    t.add("  flags: " + String.join(" ", r.flags()), Style.DIM);
    t.add("  from " + r.server() + " (" + r.protocol() + ") in " + rttText(r.rttMs()), Style.DIM);
    return t;
  }

  /** What one try did, in words: "timeout", "truncated, retrying over TCP", "error: MESSAGE". */
  static String attempt(Resolution.Attempt a) {
    return switch (a.outcome()) {
      case TIMEOUT -> "timeout";
      case TRUNCATED -> "truncated, retrying over TCP";
      case ERROR -> "error: " + a.error();
    };
  }

  static void resolution(Output out, Resolution r) {
    out.line(heading(r));
    if (!r.answered()) {
      for (Resolution.Attempt a : r.attempts()) {
        out.line(Text.of("  " + a.server() + " " + a.protocol() + ": " + attempt(a)));
      }
      return;
    }
    if (!r.answer().isEmpty()) {
      out.table(records(r.answer()));
      confusables(out, r.answer());
    } else if (!r.authority().isEmpty()) {
      out.line(Text.of("authority:", Style.DIM));
      out.table(records(r.authority()));
    } else {
      out.line(Text.of("(no records)", Style.DIM));
    }
    if (!r.ignored().isEmpty()) {
      out.line(Text.of("ignored (not on the question's CNAME chain):", Style.DIM));
      out.table(records(r.ignored()));
    }
  }
}
