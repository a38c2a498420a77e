package dev.stackscope.cli.stack;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Table.Column;
import dev.stackscope.output.Text;
import dev.stackscope.stack.Classification;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.RoleRules;
import dev.stackscope.stack.RuleExplainer;
import dev.stackscope.stack.RuleExplainer.Explanation;
import dev.stackscope.stack.RuleExplainer.Trial;
import dev.stackscope.stack.StackInputs;
import dev.stackscope.stack.StackProcess;
import dev.stackscope.stack.StackSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code stack --explain-rules PID}: every role rule tried for one process, and the outcome. */
final class RuleExplanationView {
  private RuleExplanationView() {}

  /** The JSON of one explanation. */
  record Document(int pid, Map<String, Object> inputs, List<TrialRow> trials, Result result) {}

  record TrialRow(
      String rule,
      String kind,
      String role,
      String program,
      String pattern,
      String input,
      String value,
      boolean matched) {}

  record Result(String role, String program, String rule, String confidence, String source) {}

  static ExitCode show(Output out, HostSnapshot host, List<RoleRules> sets, int pid)
      throws Exception {
    StackInputs in = host.take();
    StackProcess p = null;
    for (StackProcess q : in.processes()) {
      if (q.pid() == pid) {
        p = q;
      }
    }
    if (p == null) {
      throw new CommandException(ExitCode.FAILURE, "no process " + pid);
    }
    Set<Integer> ports = new TreeSet<>();
    for (StackSocket s : in.sockets()) {
      if (s.state() == StackSocket.State.LISTEN && s.pids().contains(pid)) {
        ports.add(s.localPort());
      }
    }
    Explanation e = new RuleExplainer(sets).explain(p, ports);
    render(out, document(p, ports, e));
    return ExitCode.OK;
  }

  static Document document(StackProcess p, Set<Integer> ports, Explanation e) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("title", p.title());
    inputs.put("argv0", p.argv().isEmpty() ? null : p.argv().get(0));
    inputs.put("interpreter", e.interpreter());
    inputs.put("comm", p.comm());
    inputs.put("exe", p.executable());
    inputs.put("ports", List.copyOf(ports));
    List<TrialRow> rows = new ArrayList<>();
    for (Trial t : e.trials()) {
      rows.add(
          new TrialRow(
              t.rule().origin(),
              t.rule().kindName(),
              t.rule().role() == null ? null : t.rule().role().id(),
              t.rule().program(),
              t.rule().pattern(),
              RuleWords.input(t.input()),
              t.value(),
              t.matched()));
    }
    Classification c = e.result();
    Result r =
        c == null
            ? null
            : new Result(
                c.role().id(),
                c.program(),
                RuleWords.of(c.rule()),
                c.confidence().toString(),
                c.source());
    return new Document(p.pid(), inputs, rows, r);
  }

  static void render(Output out, Document d) {
    if (out.json()) {
      out.json(d);
      return;
    }
    for (Map.Entry<String, Object> i : d.inputs().entrySet()) {
      if (i.getValue() != null) {
        out.line(Text.of(i.getKey() + ": ", Style.DIM).add(String.valueOf(i.getValue())));
      }
    }
    out.blank();
    Table t =
        Table.of(
            Column.text("RESULT"),
            Column.text("RULE"),
            Column.text("KIND"),
            Column.text("ROLE"),
            Column.text("TRIED ON"),
            Column.flexible("PATTERN"));
    for (TrialRow r : d.trials()) {
      t.row(
          r.matched() ? Text.of("match", Style.BOLD_GREEN) : Text.of("no", Style.DIM),
          r.rule(),
          r.kind(),
          r.role() == null ? "-" : r.role(),
          r.input(),
          r.pattern());
    }
    out.table(t);
    out.blank();
    Result r = d.result();
    if (r == null) {
      out.line(
          Text.of(
              "No rule matched: "
                  + d.trials().size()
                  + " rules tried. The process shows in the map only if it"
                  + " talks to a component (as a worker, an app server or other).",
              Style.DIM));
    } else {
      out.line(
          Text.of("→ ")
              .add(r.role(), Style.BOLD)
              .add(
                  " "
                      + r.program()
                      + "  ["
                      + r.rule()
                      + ", "
                      + r.confidence()
                      + (r.source() == null ? "" : ", rule " + r.source())
                      + "]"));
    }
  }
}
