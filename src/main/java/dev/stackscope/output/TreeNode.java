package dev.stackscope.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a rendered tree: a label and its children, in display order, and optionally a key that
 * identifies what it shows (a PID) across refreshes of a live view.
 */
public final class TreeNode {
  private final Text label;
  private final List<TreeNode> children = new ArrayList<>();
  private String key;

  public TreeNode(Text label) {
    this.label = label;
  }

  public static TreeNode of(String untrusted) {
    return new TreeNode(Text.of(untrusted));
  }

  public TreeNode add(TreeNode child) {
    children.add(child);
    return child;
  }

  /** Renders trees to lines without printing them (live views, previews). */
  public static List<String> render(List<TreeNode> roots, RenderSettings settings) {
    return TreeRenderer.render(roots, settings);
  }

  /** Sets the key that identifies this node across frames of a live view. */
  public TreeNode key(String newKey) {
    this.key = newKey;
    return this;
  }

  /** The key, or null. */
  public String key() {
    return key;
  }

  public Text label() {
    return label;
  }

  public List<TreeNode> children() {
    return children;
  }
}
