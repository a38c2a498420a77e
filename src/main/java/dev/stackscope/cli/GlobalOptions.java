package dev.stackscope.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the subcommand ({@code stackscope --json tree} and
 * {@code stackscope tree --json} mean the same): declared once on the root with INHERIT scope, so
 * subcommands share these fields.
 */
public final class GlobalOptions {
  /** Values of --color. */
  public enum ColorMode {
    auto,
    always,
    never
  }

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print one JSON document on stdout instead of text.")
  boolean json;

  @Option(
      names = "--color",
      scope = ScopeType.INHERIT,
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto = only on a terminal, and not when NO_COLOR is set).")
  ColorMode color = ColorMode.auto;

  @Option(
      names = "--width",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description =
          "Cut output to N columns (default: the terminal's width on a terminal, unlimited when piped; 0 = unlimited).")
  Integer width;

  @Option(
      names = "--reveal",
      scope = ScopeType.INHERIT,
      description =
          "Show secrets (URL passwords, secret-looking environment variables) that are masked by default.")
  boolean reveal;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces and library logs on stderr.")
  boolean debug;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help and exit.")
  boolean help;

  public boolean json() {
    return json;
  }

  public ColorMode color() {
    return color;
  }

  public Integer width() {
    return width;
  }

  public boolean reveal() {
    return reveal;
  }

  public boolean debug() {
    return debug;
  }
}
