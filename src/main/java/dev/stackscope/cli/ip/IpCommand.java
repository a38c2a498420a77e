package dev.stackscope.cli.ip;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.BatchProgress;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.cli.url.RecordReader;
import dev.stackscope.ip.AddressAnalyzer;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.AddressReport;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.SetArithmetic;
import dev.stackscope.os.InputFile;
import dev.stackscope.output.Output;
import dev.stackscope.output.Sanitizer;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope ip ADDRESS|CIDR|RANGE...}: what kind of address this is; CIDR arithmetic. */
@Command(
    name = "ip",
    sortOptions = false,
    description = {
      "Classify IP addresses, CIDR blocks and ranges by the IANA special-purpose registries, "
          + "with a plain-language verdict, embedded IPv4, and CIDR arithmetic.",
      "Many inputs: --file F (one per line, '-' = stdin), or pipe them in with no arguments."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  every input is valid (and contains the --contains address)",
      "     set options (--aggregate, --exclude, --intersect, --split, --enumerate, --overlaps):",
      "     0 the result was printed, 1 an input is invalid (no result), 2 usage or over --limit",
      "  1  an input is invalid (reason on stderr) or lacks the --contains address",
      "     --grep: 0 an address was found, 1 none was",
      "     --here: 1 also when an address has no route",
      "  2  usage error (e.g. an invalid --contains address, a --grep line over 1 MiB)"
    })
public final class IpCommand extends BaseCommand {
  @Parameters(
      arity = "0..*",
      paramLabel = "ADDRESS|CIDR|RANGE",
      description =
          "1.2.3.4, 2001:db8::1, fe80::1%%eth0, ::ffff:10.0.0.1, 10.0.0.0/8, "
              + "10.0.0.0/255.0.0.0, 10.0.0.1-10.0.0.9")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--file",
      paramLabel = "F",
      description = "Read inputs from F, one per line ('-' = stdin; '#' comments).")
  String file;

  @Option(
      names = "--contains",
      paramLabel = "ADDRESS",
      description = "Say whether each input contains ADDRESS.")
  String contains;

  @Option(
      names = {"-b", "--brief"},
      description = "One line per input: input, verdict, block (the format used for --file).")
  boolean brief;

  @Mixin SetOptions set = new SetOptions();

  @Mixin LookupOptions lookup = new LookupOptions();

  /** From {@link #validate}: --contains parsed, the set request, --grep's verdicts. */
  private IpAddress containsAddress;

  private AddressSetRun setRun;
  private SetArithmetic.Request setRequest;
  private GrepRun grepRun;

  @Override
  protected void validate() {
    if (contains != null) {
      try {
        containsAddress = AddressParser.parse(contains);
      } catch (InvalidAddressException e) {
        throw usageError("--contains " + contains + ": " + e.getMessage());
      }
    }
    if (file != null && !inputs.isEmpty()) {
      throw usageError("give addresses as arguments or with --file, not both");
    }
    if (lookup.any() || !lookup.only.isEmpty()) {
      validateLookup();
      return;
    }
    if (set.any()) {
      setRun = new AddressSetRun(set, this::usageError);
      setRequest = setRun.request();
    }
    // A terminal (stdin and stdout both): nothing is piped in, and waiting for typed input would
    // only look like a hang.
    if (file == null && inputs.isEmpty() && root().terminal().interactive()) {
      throw usageError("no address given (pass ADDRESS, --file F, or pipe addresses on stdin)");
    }
  }

  /** --reverse, --grep, --here: one at a time, and not with the set options. */
  private void validateLookup() {
    List<String> given = lookup.given();
    if (given.size() > 1 || (given.size() == 1 && (set.any() || brief || contains != null))) {
      throw usageError(
          String.join(" and ", given)
              + (given.size() > 1 ? " are" : " is")
              + " an alternative to the other modes of ip: choose one");
    }
    if (lookup.grep == null) {
      if (!lookup.only.isEmpty()) {
        throw usageError("--only applies to --grep");
      }
      if (file == null && inputs.isEmpty() && root().terminal().interactive()) {
        throw usageError("no address given (pass ADDRESS, --file F, or pipe addresses on stdin)");
      }
      return;
    }
    if (!inputs.isEmpty() || file != null) {
      throw usageError("--grep reads one FILE (or stdin), not addresses: ip --grep FILE");
    }
    grepRun = new GrepRun(GrepRun.verdicts(lookup.only, this::usageError));
    if (lookup.grep.equals("-") && root().terminal().interactive()) {
      throw usageError("--grep: no FILE given and nothing piped in on stdin");
    }
  }

  /** The batch's progress line, while {@link #execute} runs. */
  private BatchProgress batch = BatchProgress.off();

  @Override
  protected ExitCode execute(Output out) throws IOException {
    try (BatchProgress progress = BatchProgress.forRun(out, root().terminal(), "ip")) {
      batch = progress;
      return run(out);
    } finally {
      batch = BatchProgress.off();
    }
  }

  private ExitCode run(Output out) throws IOException {
    if (lookup.any()) {
      return lookup(out);
    }
    if (setRun != null) {
      AddressSetRun run = setRun;
      SetArithmetic.Request request = setRequest;
      if (file == null && !inputs.isEmpty()) {
        return run.run(out, request, inputs.iterator());
      }
      try (InputStream in = open()) {
        return run.run(out, request, new LineSource(new RecordReader(in, false)));
      } catch (UncheckedIOException e) {
        throw readFailure(e);
      }
    }
    AddressAnalyzer analyzer = AddressAnalyzer.standard();
    if (file == null && !inputs.isEmpty()) {
      return fromArguments(out, analyzer, containsAddress);
    }
    try (InputStream in = open()) {
      return stream(out, analyzer, containsAddress, new LineSource(new RecordReader(in, false)));
    } catch (UncheckedIOException e) {
      throw readFailure(e);
    }
  }

  /** --reverse, --grep or --here, as {@link #validateLookup} allowed. */
  private ExitCode lookup(Output out) throws IOException {
    if (lookup.grep == null) {
      return withInputs(
          source ->
              lookup.reverse ? ReverseRun.run(out, source) : HereRun.run(out, host(), source));
    }
    GrepRun grep = grepRun;
    String name = lookup.grep.equals("-") ? "stdin" : Sanitizer.clean(lookup.grep);
    try (InputStream in = open(lookup.grep, "--grep")) {
      return grep.run(out, in, name);
    }
  }

  /** Runs {@code action} over the inputs: the arguments, or the lines of --file or stdin. */
  private ExitCode withInputs(java.util.function.Function<Iterator<String>, ExitCode> action) {
    if (file == null && !inputs.isEmpty()) {
      return action.apply(inputs.iterator());
    }
    try (InputStream in = open()) {
      return action.apply(new LineSource(new RecordReader(in, false)));
    } catch (UncheckedIOException e) {
      throw readFailure(e);
    } catch (IOException e) {
      throw readFailure(new UncheckedIOException(e));
    }
  }

  private CommandException readFailure(UncheckedIOException e) {
    if (e.getCause() instanceof RecordReader.RecordTooLongException tooLong) {
      return new CommandException(ExitCode.USAGE, source() + ": " + tooLong.getMessage());
    }
    return CommandException.failure(
        "cannot read " + source() + ": " + InputFile.reason(e.getCause()));
  }

  private ExitCode fromArguments(Output out, AddressAnalyzer analyzer, IpAddress containsAddress) {
    List<AddressReport> reports = new ArrayList<>();
    for (String input : inputs) {
      reports.add(analyzer.analyze(input, containsAddress));
    }
    if (brief && !out.json()) {
      return stream(out, analyzer, containsAddress, reports.iterator());
    }
    if (out.json()) {
      out.json(reports);
    } else {
      boolean first = true;
      for (AddressReport r : reports) {
        if (r.valid()) {
          if (!first) {
            out.blank();
          }
          first = false;
          out.detail(AddressView.detail(r, contains));
        }
      }
    }
    return finish(out, reports.iterator());
  }

  /** Streams reports: one line per input (or a streamed JSON array); constant memory. */
  private ExitCode stream(
      Output out, AddressAnalyzer analyzer, IpAddress containsAddress, Iterator<?> source) {
    Tally tally = new Tally(out, batch);
    Iterable<AddressReport> reports =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return source.hasNext();
              }

              @Override
              public AddressReport next() {
                Object o = source.next();
                AddressReport r =
                    o instanceof AddressReport a
                        ? a
                        : analyzer.analyze((String) o, containsAddress);
                tally.add(r);
                return r;
              }
            };
    if (out.json()) {
      out.json(reports);
    } else {
      Writer w = new BufferedWriter(out.stdout(), 1 << 16);
      try {
        for (AddressReport r : reports) {
          if (r.valid()) {
            AddressView.briefLine(w, r);
          }
        }
        w.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tally.exitCode();
  }

  private ExitCode finish(Output out, Iterator<AddressReport> reports) {
    Tally tally = new Tally(out, batch);
    reports.forEachRemaining(tally::add);
    return tally.exitCode();
  }

  /** Notes invalid inputs on stderr as they pass and decides the exit code. */
  private static final class Tally {
    private final Output out;
    private final BatchProgress batch;
    private boolean failed;

    Tally(Output out, BatchProgress batch) {
      this.out = out;
      this.batch = batch;
    }

    void add(AddressReport r) {
      if (!r.valid()) {
        batch.aside(() -> out.note(r.input() + ": " + r.error()));
        failed = true;
      } else if (Boolean.FALSE.equals(r.contains())) {
        failed = true;
      }
    }

    ExitCode exitCode() {
      return failed ? ExitCode.FAILURE : ExitCode.OK;
    }
  }

  private InputStream open() {
    return open(file, "--file");
  }

  /** FILE of {@code option} ('-' or null: the caller's stdin, left open). */
  private InputStream open(String file, String option) {
    if (file == null || file.equals("-")) {
      // the caller's stdin: Main.run's, or the warm server client's
      return batch.counting(
          new FilterInputStream(root().invocation().stdin()) {
            @Override
            public void close() {
              // stdin stays open for whoever runs us
            }
          },
          false);
    }
    return batch.counting(
        InputFiles.open(root().invocation().workingDirectory().resolve(file), option), false);
  }

  private String source() {
    return file == null || file.equals("-") ? "stdin" : Sanitizer.clean(file);
  }

  /** Non-blank, non-comment lines of a reader, stripped. */
  private static final class LineSource implements Iterator<String> {
    private final RecordReader reader;
    private String next;

    LineSource(RecordReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        String line;
        try {
          line = reader.next();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (line == null) {
          return false;
        }
        line = line.strip();
        if (!line.isEmpty() && line.charAt(0) != '#') {
          next = line;
        }
      }
      return true;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String s = next;
      next = null;
      return s;
    }
  }
}
