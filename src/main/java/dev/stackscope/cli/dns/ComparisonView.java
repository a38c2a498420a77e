package dev.stackscope.cli.dns;

import dev.stackscope.cli.ExitCode;
import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.Resolution;
import dev.stackscope.dns.ResolverComparison.Comparison;
import dev.stackscope.dns.ResolverComparison.ServerAnswer;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import java.util.ArrayList;
import java.util.List;

/** dns resolve with several --server: each question's answers side by side, odd ones marked. */
final class ComparisonView {
  private ComparisonView() {}

  /** OK when every resolver answered NOERROR and they all agree, else FAILURE. */
  static ExitCode exitCode(List<Comparison> compared) {
    for (Comparison c : compared) {
      if (!c.agree()) {
        return ExitCode.FAILURE;
      }
      for (ServerAnswer a : c.servers()) {
        Resolution r = a.resolution();
        if (!r.answered() || !"NOERROR".equals(r.rcode())) {
          return ExitCode.FAILURE;
        }
      }
    }
    return ExitCode.OK;
  }

  static void render(Output out, List<Comparison> compared) {
    boolean first = true;
    for (Comparison c : compared) {
      if (!first) {
        out.blank();
      }
      first = false;
      String mark = out.settings().unicode() ? "≠" : "!=";
      Text head = Text.of(c.name(), Style.BOLD).add(" " + c.type(), Style.CYAN).add("  ");
      head.add(
          c.agree()
              ? "all " + c.servers().size() + " servers agree"
              : "servers disagree ("
                  + mark
                  + " marks the answers that differ from the most common)",
          c.agree() ? Style.GREEN : Style.RED);
      out.line(head);
      Table t =
          Table.of(
              Column.text(""),
              Column.text("SERVER"),
              Column.text("RCODE"),
              Column.text("FLAGS"),
              Column.number("TIME"),
              Column.flexible("ANSWER"));
      for (ServerAnswer a : c.servers()) {
        Resolution r = a.resolution();
        t.row(
            a.differs() ? Text.of(mark, Style.RED) : Text.of(""),
            a.server(),
            r.answered() ? r.rcode() : "no reply",
            r.answered() ? String.join(" ", r.flags()) : "-",
            DnsViews.rttText(r.rttMs()),
            answer(r));
      }
      out.table(t);
    }
  }

  private static String answer(Resolution r) {
    if (!r.answered()) {
      List<String> why = new ArrayList<>();
      for (Resolution.Attempt a : r.attempts()) {
        why.add(DnsViews.attempt(a));
      }
      return String.join("; ", why);
    }
    List<String> data = new ArrayList<>();
    for (RecordData d : r.answer()) {
      data.add(d.type().equals(r.type()) ? d.data() : d.type() + " " + d.data());
    }
    return data.isEmpty() ? "-" : String.join(", ", data);
  }
}
