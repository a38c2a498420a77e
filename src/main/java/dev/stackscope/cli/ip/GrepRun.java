package dev.stackscope.cli.ip;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.AddressGrep;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.Verdict;
import dev.stackscope.os.InputFile;
import dev.stackscope.output.JsonRenderer;
import dev.stackscope.output.Output;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code ip --grep [FILE] [--only VERDICT,...]}: every address in free text, classified. */
final class GrepRun {
  /** The longest line looked at: 1 MiB, as for a line of --file. */
  static final int MAX_LINE = 1 << 20;

  /**
   * One address found, as --json shows it.
   *
   * @param column the byte column of its first character (from 1)
   * @param length its length in bytes as written
   */
  record Found(long line, int column, int length, String address, int version, String verdict) {}

  private final Set<Verdict> only;
  private final AddressClassifier classifier = AddressClassifier.standard();
  private long count;

  GrepRun(Set<Verdict> only) {
    this.only = only;
  }

  /** The verdicts of --only (empty: every one), or a usage error naming the known ones. */
  static Set<Verdict> verdicts(List<String> labels, Function<String, RuntimeException> usage) {
    Set<Verdict> out = EnumSet.noneOf(Verdict.class);
    for (String label : labels) {
      try {
        out.add(Verdict.ofLabel(label.strip().toLowerCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw usage.apply(
            "--only "
                + dev.stackscope.output.Sanitizer.clean(label)
                + ": not a verdict; one of "
                + Arrays.stream(Verdict.values())
                    .filter(v -> v != Verdict.MIXED)
                    .map(Verdict::toString)
                    .collect(Collectors.joining(", ")));
      }
    }
    return out.isEmpty() ? EnumSet.allOf(Verdict.class) : out;
  }

  /**
   * Scans {@code in} (named {@code name} in messages); exit 0 when an address was found, else 1.
   */
  ExitCode run(Output out, InputStream in, String name) throws IOException {
    AddressGrep grep = new AddressGrep(MAX_LINE);
    if (out.json()) {
      // started with the first find: an error before it stays the run's one document
      JsonRenderer.ArrayWriter[] array = {null};
      boolean done = false;
      try {
        scan(
            grep,
            in,
            name,
            (line, column, length, a, v) -> {
              if (array[0] == null) {
                array[0] = out.jsonArray();
              }
              array[0].add(
                  new Found(line, column, length, a.toString(), a.version(), v.toString()));
            });
        done = true;
      } finally {
        if (array[0] == null && done) {
          array[0] = out.jsonArray();
        }
        if (array[0] != null) {
          array[0].close();
        }
      }
    } else {
      Writer w = new BufferedWriter(out.stdout(), 1 << 16);
      scan(
          grep,
          in,
          name,
          (line, column, length, a, v) -> {
            w.write(Long.toString(line));
            w.write('\t');
            w.write(a.toString());
            w.write('\t');
            w.write(v.toString());
            w.write('\n');
          });
      w.flush();
    }
    return count > 0 ? ExitCode.OK : ExitCode.FAILURE;
  }

  private interface Classified {
    void found(long line, int column, int length, IpAddress address, Verdict verdict)
        throws IOException;
  }

  private void scan(AddressGrep grep, InputStream in, String name, Classified sink)
      throws IOException {
    try {
      grep.scan(
          in,
          (line, column, length, a) -> {
            Verdict v = classifier.verdict(a);
            if (only.contains(v)) {
              count++;
              sink.found(line, column, length, a, v);
            }
          });
    } catch (AddressGrep.LineTooLongException e) {
      throw new CommandException(ExitCode.USAGE, "--grep " + name + ": " + e.getMessage());
    } catch (IOException e) {
      throw CommandException.failure("cannot read " + name + ": " + InputFile.reason(e));
    }
  }
}
