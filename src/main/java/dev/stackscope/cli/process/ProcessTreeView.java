package dev.stackscope.cli.process;

import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessNode;
import dev.stackscope.process.ProcessThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns process trees into display trees, pstree-style: {@code name(pid,pgid,user)} labels (or
 * {@code name,pid args} with arguments), threads as {@code {name}}, identical sibling subtrees
 * compacted into {@code 3*[name]}, highlighted processes in bold, and optional per-PID annotations
 * (extra text after the label, e.g. listening ports). Each node's {@link TreeNode#key()} is the PID
 * it shows (PIDs joined by commas for a compacted node, {@code {tid}} for a thread).
 *
 * @param pids show PIDs
 * @param pgids show process group ids
 * @param userChanges show the user where it differs from the parent's
 * @param arguments show command-line arguments
 * @param compact merge identical sibling subtrees
 * @param highlighted PIDs to show in bold
 * @param annotations extra text per PID, shown after its label
 * @param reveal show arguments as they are, secrets too (otherwise masked)
 */
record ProcessTreeView(
    boolean pids,
    boolean pgids,
    boolean userChanges,
    boolean arguments,
    boolean compact,
    Set<Integer> highlighted,
    Map<Integer, String> annotations,
    boolean reveal) {

  /** A view that masks secrets in arguments. */
  ProcessTreeView(
      boolean pids,
      boolean pgids,
      boolean userChanges,
      boolean arguments,
      boolean compact,
      Set<Integer> highlighted,
      Map<Integer, String> annotations) {
    this(pids, pgids, userChanges, arguments, compact, highlighted, annotations, false);
  }

  /**
   * A rendered subtree with the key that decides whether two siblings are identical, and the
   * identity of what it shows (PIDs, a thread's {@code {tid}}) for live views.
   */
  private record Shown(String key, String id, Text label, List<Shown> children) {}

  List<TreeNode> render(List<ProcessNode> forest) {
    List<TreeNode> roots = new ArrayList<>(forest.size());
    for (Shown s : merge(forestShown(forest))) {
      roots.add(toTreeNode(s));
    }
    return roots;
  }

  private List<Shown> forestShown(List<ProcessNode> forest) {
    List<Shown> shown = new ArrayList<>(forest.size());
    for (ProcessNode n : forest) {
      shown.add(show(n, null));
    }
    return shown;
  }

  private Shown show(ProcessNode node, ProcessInfo parent) {
    ProcessInfo p = node.process();
    List<Shown> kids = new ArrayList<>(node.children().size() + node.threads().size());
    for (ProcessNode c : node.children()) {
      kids.add(show(c, p));
    }
    for (ProcessThread t : node.threads()) {
      kids.add(thread(t, p));
    }
    kids = merge(kids);
    boolean bold = isHighlighted(p.pid());
    Text label = label(p, parent, bold);
    String key = compact ? (bold ? key(label, kids) + "!" : key(label, kids)) : null;
    return new Shown(key, Integer.toString(p.pid()), label, kids);
  }

  // Most trees highlight nothing and annotate nothing: no boxing and hashing per process then.
  private boolean isHighlighted(int pid) {
    return !highlighted.isEmpty() && highlighted.contains(pid);
  }

  private Text label(ProcessInfo p, ProcessInfo parent, boolean bold) {
    Text t = Text.of(p.name(), bold ? Style.BOLD : Style.PLAIN);
    StringBuilder extra = new StringBuilder();
    if (pids) {
      extra.append(p.pid());
    }
    if (pgids) {
      sep(extra).append(p.pgid());
    }
    if (userChanges
        && p.user() != null
        && (parent == null || !Objects.equals(p.user(), parent.user()))) {
      sep(extra).append(p.user());
    }
    if (arguments) {
      if (extra.length() > 0) {
        t.add("," + extra, Style.DIM);
      }
      List<String> argv = ProcessFormat.command(p.command(), reveal);
      if (argv != null && argv.size() > 1) {
        t.add(" " + String.join(" ", argv.subList(1, argv.size())));
      }
    } else if (extra.length() > 0) {
      t.add("(" + extra + ")", Style.DIM);
    }
    String note = annotations.isEmpty() ? null : annotations.get(p.pid());
    if (note != null && !note.isEmpty()) {
      t.add(" " + note, Style.CYAN);
    }
    return t;
  }

  private static StringBuilder sep(StringBuilder sb) {
    return sb.length() > 0 ? sb.append(',') : sb;
  }

  private Shown thread(ProcessThread t, ProcessInfo owner) {
    Text label = Text.of("{" + t.name() + "}", Style.DIM);
    if (pids) {
      label.add("(" + t.tid() + ")", Style.DIM);
    }
    return new Shown(
        compact ? "{" + t.name() + "}" : null, "{" + t.tid() + "}", label, List.of());
  }

  private static String key(Text label, List<Shown> kids) {
    if (kids.isEmpty()) {
      return label.plain();
    }
    StringBuilder sb = new StringBuilder(label.plain()).append('[');
    for (Shown k : kids) {
      sb.append(k.key).append(',');
    }
    return sb.append(']').toString();
  }

  /** Merges runs of identical adjacent siblings into one {@code N*[label]}. */
  private List<Shown> merge(List<Shown> siblings) {
    if (!compact || siblings.size() < 2) {
      return siblings;
    }
    List<Shown> merged = new ArrayList<>(siblings.size());
    int i = 0;
    while (i < siblings.size()) {
      Shown s = siblings.get(i);
      int j = i + 1;
      while (j < siblings.size() && s.key.equals(siblings.get(j).key)) {
        j++;
      }
      int n = j - i;
      if (n == 1) {
        merged.add(s);
      } else {
        Text label = Text.of(n + "*[").add(s.label).add("]");
        StringBuilder ids = new StringBuilder(s.id);
        for (int k = i + 1; k < j; k++) {
          ids.append(',').append(siblings.get(k).id);
        }
        merged.add(new Shown(n + "*" + s.key, ids.toString(), label, s.children));
      }
      i = j;
    }
    return merged;
  }

  private static TreeNode toTreeNode(Shown s) {
    TreeNode node = new TreeNode(s.label).key(s.id);
    for (Shown c : s.children) {
      node.add(toTreeNode(c));
    }
    return node;
  }
}
