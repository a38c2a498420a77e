package dev.stackscope.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws trees with Unicode box drawing ({@code ├─ └─ │}) or, for {@code --ascii} and non-UTF-8
 * locales, ASCII ({@code |- `- |}). Lines are cut only when a width limit is set.
 */
final class TreeRenderer {
  private TreeRenderer() {}

  static List<String> render(List<TreeNode> roots, RenderSettings settings) {
    List<String> lines = new ArrayList<>();
    for (TreeNode root : roots) {
      emit(root, "", "", lines, settings);
    }
    return lines;
  }

  private static void emit(
      TreeNode node, String prefix, String childPrefix, List<String> lines, RenderSettings s) {
    int room = s.width() > 0 ? Math.max(1, s.width() - Text.displayWidth(prefix)) : 0;
    lines.add(prefix + node.label().render(s.color(), room, s.ellipsis()));
    List<TreeNode> children = node.children();
    String branch = s.unicode() ? "├─ " : "|- ";
    String last = s.unicode() ? "└─ " : "`- ";
    String pipe = s.unicode() ? "│  " : "|  ";
    for (int i = 0; i < children.size(); i++) {
      boolean isLast = i == children.size() - 1;
      emit(
          children.get(i),
          childPrefix + (isLast ? last : branch),
          childPrefix + (isLast ? "   " : pipe),
          lines,
          s);
    }
  }
}
