package dev.stackscope.cli.stack;

import dev.stackscope.stack.StackMap;

/** Lets tests in other packages read explain's wording of a replication position. */
public final class ExplainViewAccess {
  private ExplainViewAccess() {}

  public static String replication(StackMap.Replication r) {
    return ExplainView.replication(r);
  }
}
