package dev.stackscope.shell;

import dev.stackscope.output.Detail;
import dev.stackscope.output.Table;
import dev.stackscope.output.Text;
import dev.stackscope.output.TreeNode;
import java.util.List;
import java.util.function.Function;

/**
 * One refresh of a live view ({@code --watch}): a table, trees, a detail view or plain lines as the
 * command would print them, optionally keyed (so new and gone rows are highlighted for one frame),
 * and the JSON document the command would print with {@code --json}.
 *
 * <pre>{@code
 * Frame.of(table).keyedBy(0).json(result)          // rows keyed by the PID column
 * Frame.of(roots).keyedBy(label -> label.split(" ")[0])  // tree nodes keyed by a label prefix
 * Frame.of(roots).keyedByNodeKeys()                  // tree nodes keyed by TreeNode.key()
 * }</pre>
 */
public final class Frame {
  enum Kind {
    TABLE,
    TREES,
    LINES,
    DETAIL
  }

  private final Kind kind;
  private final Table table;
  private final List<TreeNode> trees;
  private final List<Text> lines;
  private Detail detail;
  private int[] keyColumns = new int[0];
  private Function<TreeNode, String> treeKey;
  private Object json;
  private boolean partial;

  private Frame(Kind kind, Table table, List<TreeNode> trees, List<Text> lines) {
    this.kind = kind;
    this.table = table;
    this.trees = trees;
    this.lines = lines;
  }

  public static Frame of(Table table) {
    return new Frame(Kind.TABLE, table, List.of(), List.of());
  }

  public static Frame of(List<TreeNode> roots) {
    return new Frame(Kind.TREES, null, List.copyOf(roots), List.of());
  }

  public static Frame of(TreeNode root) {
    return of(List.of(root));
  }

  /** Lines of text (a detail view or a summary): filterable, not sortable. */
  public static Frame lines(List<Text> lines) {
    return new Frame(Kind.LINES, null, List.of(), List.copyOf(lines));
  }

  /** A detail view (titled sections of key/value lines): filterable, not sortable. */
  public static Frame of(Detail detail) {
    Frame f = new Frame(Kind.DETAIL, null, List.of(), List.of());
    f.detail = detail;
    return f;
  }

  /** A table's rows are identified by these columns' text (e.g. the PID; proto+address+PID). */
  public Frame keyedBy(int... columns) {
    this.keyColumns = columns.clone();
    return this;
  }

  /** A tree's nodes are identified by a key derived from their label's plain text. */
  public Frame keyedBy(Function<String, String> labelToKey) {
    this.treeKey = node -> labelToKey.apply(node.label().plain());
    return this;
  }

  /** A tree's nodes are identified by their {@link TreeNode#key()} (e.g. the PID they show). */
  public Frame keyedByNodeKeys() {
    this.treeKey = TreeNode::key;
    return this;
  }

  /** The document printed (one compact line per frame) with --json. */
  public Frame json(Object document) {
    this.json = document;
    return this;
  }

  /**
   * This frame could not read everything it shows (what the command's own exit code 3 means): the
   * live view then ends with exit 3. A note alone (e.g. ports' hidden owners) is not partial.
   */
  public Frame partial(boolean partial) {
    this.partial = partial;
    return this;
  }

  boolean isPartial() {
    return partial;
  }

  Kind kind() {
    return kind;
  }

  Table table() {
    return table;
  }

  List<TreeNode> trees() {
    return trees;
  }

  List<Text> lines() {
    return lines;
  }

  Detail detail() {
    return detail;
  }

  Object jsonDocument() {
    return json;
  }

  boolean keyed() {
    return (kind == Kind.TABLE && keyColumns.length > 0) || (kind == Kind.TREES && treeKey != null);
  }

  /** The key of table row {@code row}, or null when the frame is not keyed by columns. */
  String rowKey(int row) {
    if (keyColumns.length == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int c : keyColumns) {
      if (sb.length() > 0) {
        sb.append('\u0000');
      }
      sb.append(table.cell(row, c).plain());
    }
    return sb.toString();
  }

  String nodeKey(TreeNode node) {
    return treeKey == null ? null : treeKey.apply(node);
  }
}
