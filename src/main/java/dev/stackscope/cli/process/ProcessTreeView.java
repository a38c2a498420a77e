package dev.stackscope.cli.process;

import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessNode;
import dev.stackscope.process.ProcessThread;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
 * @param prefixes text per PID shown before its name (where its container or unit changes: {@code
 *     [web: bb:local] httpd})
 */
record ProcessTreeView(
    boolean pids,
    boolean pgids,
    boolean userChanges,
    boolean arguments,
    boolean compact,
    Set<Integer> highlighted,
    Map<Integer, String> annotations,
    boolean reveal,
    Map<Integer, String> prefixes) {

  ProcessTreeView(
      boolean pids,
      boolean pgids,
      boolean userChanges,
      boolean arguments,
      boolean compact,
      Set<Integer> highlighted,
      Map<Integer, String> annotations,
      boolean reveal) {
    this(pids, pgids, userChanges, arguments, compact, highlighted, annotations, reveal, Map.of());
  }

  /**
   * A rendered subtree with the key that decides whether two siblings are identical (equal keys:
   * identical subtrees; -1 when not compacting), and the identity of what it shows (PIDs, a
   * thread's {@code {tid}}) for live views.
   */
  private record Shown(int key, String id, Text label, List<Shown> children) {}

  List<TreeNode> render(List<ProcessNode> forest) {
    Keys keys = new Keys();
    List<Shown> shown = new ArrayList<>(forest.size());
    for (ProcessNode n : forest) {
      shown.add(show(n, keys));
    }
    List<TreeNode> roots = new ArrayList<>(forest.size());
    for (Shown s : merge(shown, keys)) {
      roots.add(toTreeNode(s));
    }
    return roots;
  }

  /**
   * Subtree keys as small numbers: a subtree's key is the number given to its label and its
   * children's keys, so a key costs O(children) rather than the text of the whole subtree (which is
   * O(n²) in all for a deep chain of processes).
   */
  private static final class Keys {
    private final Map<String, Integer> ids = new HashMap<>();

    int of(String description) {
      Integer id = ids.get(description);
      if (id == null) {
        id = ids.size();
        ids.put(description, id);
      }
      return id;
    }
  }

  /** A process whose subtree is being shown: its children so far, the next one to show. */
  private static final class Pending {
    final ProcessNode node;
    final ProcessInfo parent;
    final List<Shown> kids;
    int next;

    Pending(ProcessNode node, ProcessInfo parent) {
      this.node = node;
      this.parent = parent;
      this.kids = new ArrayList<>(node.children().size() + node.threads().size());
    }
  }

  // Depth first with an explicit stack: a chain of processes can be tens of thousands deep.
  private Shown show(ProcessNode root, Keys keys) {
    ArrayDeque<Pending> path = new ArrayDeque<>();
    path.push(new Pending(root, null));
    while (true) {
      Pending top = path.peek();
      List<ProcessNode> children = top.node.children();
      if (top.next < children.size()) {
        path.push(new Pending(children.get(top.next++), top.node.process()));
        continue;
      }
      path.pop();
      Shown done = shown(top, keys);
      if (path.isEmpty()) {
        return done;
      }
      path.peek().kids.add(done);
    }
  }

  private Shown shown(Pending done, Keys keys) {
    ProcessInfo p = done.node.process();
    List<Shown> kids = done.kids;
    for (ProcessThread t : done.node.threads()) {
      kids.add(thread(t, keys));
    }
    kids = merge(kids, keys);
    boolean bold = isHighlighted(p.pid());
    Text label = label(p, done.parent, bold);
    int key = compact ? key(label, bold, kids, keys) : -1;
    return new Shown(key, Integer.toString(p.pid()), label, kids);
  }

  // Most trees highlight nothing and annotate nothing: no boxing and hashing per process then.
  private boolean isHighlighted(int pid) {
    return !highlighted.isEmpty() && highlighted.contains(pid);
  }

  private Text label(ProcessInfo p, ProcessInfo parent, boolean bold) {
    String prefix = prefixes.isEmpty() ? null : prefixes.get(p.pid());
    Text t =
        prefix == null
            ? Text.of(p.name(), bold ? Style.BOLD : Style.PLAIN)
            : Text.of(prefix + " ", Style.CYAN).add(p.name(), bold ? Style.BOLD : Style.PLAIN);
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

  private Shown thread(ProcessThread t, Keys keys) {
    Text label = Text.of("{" + t.name() + "}", Style.DIM);
    if (pids) {
      label.add("(" + t.tid() + ")", Style.DIM);
    }
    return new Shown(compact ? keys.of("t" + t.name()) : -1, "{" + t.tid() + "}", label, List.of());
  }

  private static int key(Text label, boolean bold, List<Shown> kids, Keys keys) {
    StringBuilder sb = new StringBuilder().append(bold ? 'B' : 'p').append(label.plain());
    sb.append('\0');
    for (Shown k : kids) {
      sb.append(k.key).append(',');
    }
    return keys.of(sb.toString());
  }

  /** Merges runs of identical adjacent siblings into one {@code N*[label]}. */
  private List<Shown> merge(List<Shown> siblings, Keys keys) {
    if (!compact || siblings.size() < 2) {
      return siblings;
    }
    List<Shown> merged = new ArrayList<>(siblings.size());
    int i = 0;
    while (i < siblings.size()) {
      Shown s = siblings.get(i);
      int j = i + 1;
      while (j < siblings.size() && s.key == siblings.get(j).key) {
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
        merged.add(new Shown(keys.of(n + "*" + s.key), ids.toString(), label, s.children));
      }
      i = j;
    }
    return merged;
  }

  private static TreeNode toTreeNode(Shown root) {
    TreeNode top = new TreeNode(root.label).key(root.id);
    ArrayDeque<Shown> todo = new ArrayDeque<>();
    ArrayDeque<TreeNode> made = new ArrayDeque<>();
    todo.push(root);
    made.push(top);
    while (!todo.isEmpty()) {
      Shown s = todo.pop();
      TreeNode node = made.pop();
      for (Shown c : s.children) {
        TreeNode child = node.add(new TreeNode(c.label).key(c.id));
        todo.push(c);
        made.push(child);
      }
    }
    return top;
  }
}
