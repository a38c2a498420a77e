package dev.stackscope.cli.dns;

import dev.stackscope.dns.RecordData;
import dev.stackscope.dns.Trace;
import dev.stackscope.dns.TraceDetail;
import dev.stackscope.dns.TraceStep;
import dev.stackscope.dns.Validation;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;

/** A trace as a tree: one node per step, its records and nested traces below it, answer last. */
public final class TraceView {
  private TraceView() {}

  static void render(Output out, Trace trace) {
    out.tree(tree(trace));
    if (trace.result() != Trace.Result.FAILED) {
      out.blank();
    }
    switch (trace.result()) {
      case ANSWER -> {
        out.line(Text.of("answer:", Style.BOLD));
        out.table(DnsViews.records(trace.answer()));
        DnsViews.confusables(out, trace.answer());
      }
      case NXDOMAIN, NODATA -> {
        out.line(
            Text.of(trace.result() == Trace.Result.NXDOMAIN ? "NXDOMAIN" : "NODATA", Style.BOLD)
                .add(" (" + trace.queries() + " queries)", Style.DIM));
        if (!trace.answer().isEmpty()) {
          out.table(DnsViews.records(trace.answer()));
        }
        out.table(DnsViews.records(trace.authority()));
      }
      default -> {
        // the tree's last line and the note on stderr say why
      }
    }
    if (trace.dnssec() != null) {
      if (trace.result() == Trace.Result.FAILED) {
        out.blank();
      }
      out.line(Text.of("DNSSEC: ", Style.BOLD).add(verdict(trace.dnssec())));
    }
  }

  private static Text verdict(Validation v) {
    Text t = Text.of(statusWord(v.status()), securityStyle(v.status()));
    if (v.reason() != null) {
      t.add(" (" + TraceWords.reason(v.reason()) + ")");
    }
    return t;
  }

  /** The word for a DNSSEC status, as dig's and Unbound's users know them. */
  static String statusWord(Validation.Status status) {
    return switch (status) {
      case SECURE -> "secure";
      case INSECURE -> "insecure";
      case BOGUS -> "bogus";
      case INDETERMINATE -> "indeterminate";
    };
  }

  private static Style securityStyle(Validation.Status status) {
    return switch (status) {
      case SECURE -> Style.GREEN;
      case INSECURE, INDETERMINATE -> Style.YELLOW;
      default -> Style.RED;
    };
  }

  public static TreeNode tree(Trace trace) {
    Text title = Text.of(trace.name(), Style.BOLD);
    if (trace.unicode() != null) {
      title.add(" (" + trace.unicode() + ")");
    }
    title.add(" " + trace.type(), Style.CYAN).add("  " + trace.queries() + " queries", Style.DIM);
    TreeNode root = new TreeNode(title);
    int chain = 0;
    for (TraceStep s : trace.steps()) {
      if (s.chain() != chain) {
        chain = s.chain();
        root.add(new TreeNode(Text.of("restart from the root for " + s.question(), Style.YELLOW)));
      }
      root.add(step(s));
    }
    String end =
        switch (trace.result()) {
          case ANSWER -> "answer: " + trace.answer().size() + " record(s)";
          case FAILED -> "failed: " + TraceWords.failure(trace.error());
          case NXDOMAIN -> "NXDOMAIN";
          case NODATA -> "NODATA";
        };
    root.add(
        new TreeNode(
            Text.of(end, trace.result() == Trace.Result.ANSWER ? Style.GREEN : Style.RED)));
    return root;
  }

  private static TreeNode step(TraceStep s) {
    if (s.server() == null) {
      TreeNode holder = new TreeNode(Text.of(TraceWords.detail(s.detail()), Style.DIM));
      s.nested().forEach(t -> holder.add(tree(t)));
      return holder;
    }
    Text label =
        Text.of(s.zone(), Style.BOLD)
            .add("  " + s.server().name() + " " + s.server().address())
            .add("  ")
            .add(s.outcome().toString(), outcomeStyle(s.outcome()));
    if (s.detail() != null) {
      label.add(" " + TraceWords.detail(s.detail()));
    }
    if (s.rttMs() != null) {
      label.add(
          "  " + DnsViews.rttText(s.rttMs()) + " " + s.bytes() + " B " + s.protocol(), Style.DIM);
    }
    if (s.hedgedAfterMs() != null) {
      label.add(
          "  (in parallel, " + DnsViews.rttText(s.hedgedAfterMs()) + " after the previous query)",
          Style.DIM);
    }
    if (s.rcode() != null
        && !"NOERROR".equals(s.rcode())
        && s.outcome() != TraceStep.Outcome.NXDOMAIN
        && (s.detail() == null || s.detail().kind() != TraceDetail.Kind.SERVER_RCODE)) {
      label.add(" " + s.rcode(), Style.RED);
    }
    TreeNode node = new TreeNode(label);
    if (s.tls() != null) {
      // the channel to the resolver the root servers came from, as dns resolve shows it
      node.add(new TreeNode(EncryptedViews.tls(s.tls())));
    }
    if (s.dnssec() != null) {
      node.add(new TreeNode(Text.of("dnssec: ", Style.DIM).add(verdict(s.dnssec()))));
    }
    for (RecordData r : s.records()) {
      node.add(new TreeNode(DnsViews.recordLine(r)));
    }
    for (RecordData r : s.dropped()) {
      node.add(
          new TreeNode(
              Text.of("dropped (out of bailiwick): ", Style.YELLOW).add(DnsViews.recordLine(r))));
    }
    for (Trace nested : s.nested()) {
      node.add(tree(nested));
    }
    return node;
  }

  private static Style outcomeStyle(TraceStep.Outcome outcome) {
    return switch (outcome) {
      case ANSWER, REFERRAL, CNAME -> Style.GREEN;
      case TRUNCATED, ABANDONED -> Style.YELLOW;
      default -> Style.RED;
    };
  }
}
