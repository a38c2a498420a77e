package dev.stackscope.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/** Completion scripts generated from the command model, for the command and for completions/. */
public final class CompletionScripts {
  /** Shells with a completion script. */
  public enum Shell {
    bash,
    zsh
  }

  private CompletionScripts() {}

  public static String generate(CommandLine root, Shell shell) {
    String bash = AutoComplete.bash("stackscope", root);
    return switch (shell) {
      case bash -> bash;
      // picocli's script runs under zsh through bashcompinit, which it loads itself.
      case zsh -> "#compdef stackscope\n" + bash;
    };
  }
}
