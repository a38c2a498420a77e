package dev.stackscope.cli;

import dev.stackscope.output.Output;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --format} and {@code --svg} of the commands that draw a map ({@code stack}, {@code
 * fleet}): the map as text, JSON, Graphviz DOT or a Mermaid flowchart, and an SVG drawn by
 * Graphviz's {@code dot}.
 */
public final class MapFormatOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** How the map is written on stdout. */
  public enum Format {
    TEXT,
    JSON,
    DOT,
    MERMAID
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json, dot (Graphviz) or mermaid.")
  String format;

  @Option(
      names = "--svg",
      paramLabel = "FILE",
      description = "Also render the map to FILE as SVG with Graphviz's dot.")
  Path svg;

  /** Throws the usage error of an unknown --format; for the command's validate(). */
  public void validate() {
    if (format != null && parsed() == null) {
      throw new ParameterException(
          mixee.commandLine(), "--format must be text, json, dot or mermaid, not '" + format + "'");
    }
  }

  /** --format's format, else JSON under --json, else text. */
  public Format format(Output out) {
    Format f = format == null ? null : parsed();
    return f != null ? f : out.json() ? Format.JSON : Format.TEXT;
  }

  /** Whether --svg was given. */
  public boolean svg() {
    return svg != null;
  }

  /** --svg's file, relative to the caller's working directory (a served run has another). */
  public Path svgFile(Path workingDirectory) {
    return workingDirectory.resolve(svg);
  }

  private Format parsed() {
    for (Format f : Format.values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(format)) {
        return f;
      }
    }
    return null;
  }

  /**
   * Graphviz's {@code dot} for --svg, looked up before any work; a failure (exit 1) when it is not
   * on the PATH.
   */
  public static String dot() {
    String dot = findDot();
    if (dot == null) {
      throw CommandException.failure("--svg needs Graphviz's 'dot' on the PATH (Debian: graphviz)");
    }
    return dot;
  }

  /** Graphviz's {@code dot} on the PATH, or null. */
  public static String findDot() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, "dot");
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }

  /** Draws {@code graph} (DOT) into {@code svg} with Graphviz's {@code dot} as a child process. */
  public static void render(String dot, String graph, Path svg)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(dot, "-Tsvg", "-o", svg.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(graph.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw CommandException.failure("dot did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw CommandException.failure(
          "dot could not write " + svg + " (exit status " + p.exitValue() + ")");
    }
  }
}
