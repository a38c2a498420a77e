package dev.stackscope.cli;

import dev.stackscope.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackscope completion bash|zsh}: prints the completion script for the shell. */
@Command(
    name = "completion",
    description = {
      "Print the shell completion script.",
      "bash: source <(stackscope completion bash)",
      "zsh:  stackscope completion zsh > \"$${fpath[1]}/_stackscope\""
    })
public final class CompletionCommand extends BaseCommand {
  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      description = "The shell: ${COMPLETION-CANDIDATES}.")
  CompletionScripts.Shell shell;

  @Override
  protected ExitCode execute(Output out) {
    out.stdout().print(CompletionScripts.generate(spec.root().commandLine(), shell));
    out.stdout().flush();
    return ExitCode.OK;
  }
}
