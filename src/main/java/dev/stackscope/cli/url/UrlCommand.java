package dev.stackscope.cli.url;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.BatchProgress;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.os.InputFile;
import dev.stackscope.output.Output;
import dev.stackscope.url.Credentials;
import dev.stackscope.url.FormUrlEncoded;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.QueryRedaction;
import dev.stackscope.url.UrlComponent;
import dev.stackscope.url.UrlEdit;
import dev.stackscope.url.UrlEditor;
import dev.stackscope.url.UrlInspector;
import dev.stackscope.url.UrlTemplate;
import dev.stackscope.url.WhatwgUrl;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope url URL...}: a URL's anatomy per the WHATWG URL Standard, and edits. */
@Command(
    name = "url",
    description =
        "Take URLs apart as browsers do (WHATWG URL Standard): scheme, credentials, host and its"
            + " type, Public Suffix split, ports, path segments, query parameters, fragment,"
            + " origin. Edit them trurl-style: --set, --append, --delete, --trim, --sort-query,"
            + " --redirect (applied in that order: --redirect, --set, then the query edits)."
            + " Passwords are masked unless --reveal; --redact masks secret query values too.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  stackscope url 'postgres://myuser:mypass@db.coolsite.com:5432/mydb'",
      "  stackscope url --base https://example.com/a/b ../c?x=1",
      "  stackscope url --get '{host} {query:id}' --url-file urls.txt",
      "  stackscope url --set host=staging.example --set port=8443 https://example.com/a",
      "  stackscope url --trim 'utm_*' --sort-query --get '{href}' 'https://a.example/?utm_source=x&b=2&a=1'",
      "  printf 'https://a.example/x\\0' | stackscope url -0 --url-file - --get '{path}'",
      "Exit codes: 0 all parsed, 1 some URL invalid or an edit refused (each named on stderr),"
          + " 2 usage."
    })
public final class UrlCommand extends BaseCommand {
  @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs to take apart.")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--base",
      paramLabel = "URL",
      description = "Resolve relative references against this URL.")
  String base;

  @Option(
      names = {"-g", "--get"},
      paramLabel = "TEMPLATE",
      description =
          "Print only the template, one line per URL, like trurl -g: {scheme} {user} {password}"
              + " {host} {hostname} {port} {effectivePort} {defaultPort} {path} {query}"
              + " {query:KEY} {query-all:KEY} {fragment} {subdomain} {registrableDomain}"
              + " {publicSuffix} {href} {origin} {hostType} {unicodeHostname} {search} {hash};"
              + " {puny:host} and {idn:host} for the host in ASCII or Unicode; {must:COMPONENT}"
              + " fails the URL when COMPONENT is empty; {{ and }} for literal braces.")
  String get;

  @Option(
      names = "--set",
      paramLabel = "COMPONENT=VALUE",
      description =
          "Set a component as the URL API's setter does (href, protocol, username, password, host,"
              + " hostname, port, pathname, search, hash; also scheme, user, path, query,"
              + " fragment). Repeatable, applied in order.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--append",
      paramLabel = "KEY=VALUE",
      description = "Append a query parameter (URLSearchParams.append). Repeatable.")
  List<String> appends = new ArrayList<>();

  @Option(
      names = "--delete",
      paramLabel = "KEY",
      description = "Delete every query parameter named KEY. Repeatable.")
  List<String> deletes = new ArrayList<>();

  @Option(
      names = "--trim",
      paramLabel = "GLOB",
      description = "Delete every query parameter whose name matches GLOB ('utm_*'). Repeatable.")
  List<String> trims = new ArrayList<>();

  @Option(names = "--sort-query", description = "Sort the query parameters by name (stable).")
  boolean sortQuery;

  @Option(
      names = "--redirect",
      paramLabel = "REF",
      description = "Resolve REF against each URL (as a Location header would be).")
  String redirect;

  @Option(
      names = "--redact",
      description =
          "Mask the values of secret-looking query parameters (token, sig, key, password,"
              + " access_token, X-Amz-Signature, ...).")
  boolean redact;

  @Option(
      names = "--url-file",
      paramLabel = "FILE",
      description = "Read URLs from FILE, one per line ('-' = stdin); streamed.")
  String urlFile;

  @Option(
      names = {"-0", "--null"},
      description = "Records in --url-file are NUL-terminated (URLs may hold tabs and newlines).")
  boolean nul;

  /** Longest --set/--append value, as for a URL in --url-file. */
  private static final int MAX_VALUE = RecordReader.MAX_RECORD_BYTES;

  /** The --url-file batch's progress line, while {@link #execute} runs. */
  private BatchProgress batch = BatchProgress.off();

  @Override
  protected ExitCode execute(Output out) throws Exception {
    if (urls.isEmpty() && urlFile == null) {
      throw usageError("give one or more URLs, or --url-file FILE");
    }
    if (nul && urlFile == null) {
      throw usageError("-0/--null applies to --url-file");
    }
    if (get != null && out.json()) {
      throw usageError("--get and --json are alternatives: choose one");
    }
    WhatwgUrl baseUrl = parseBase();
    UrlTemplate template = compileTemplate();
    UrlEdit edit = edit();
    UrlSinks.Sink sink = UrlSinks.forOutput(out, template, redact, nul);
    UrlInspector inspector = new UrlInspector(baseUrl, edit);
    // opened before anything is printed: "cannot read" is the run's only output
    try (BatchProgress progress = BatchProgress.forRun(out, root().terminal(), "url");
        InputStream in = urlFile == null ? null : progress.counting(open(urlFile), nul)) {
      batch = progress;
      boolean failed = false;
      boolean completed = false;
      try {
        for (String u : urls) {
          failed |= !one(out, inspector, sink, u);
        }
        if (in != null) {
          RecordReader records = new RecordReader(in, nul);
          failed |=
              sink instanceof UrlSinks.GetSink get && ParallelGet.workers() > 1
                  ? !parallel(out, get, () -> new UrlInspector(baseUrl, edit), records)
                  : !stream(out, inspector, sink, records);
        }
        completed = true;
      } finally {
        sink.finish(completed);
      }
      return failed ? ExitCode.FAILURE : ExitCode.OK;
    } finally {
      batch = BatchProgress.off();
    }
  }

  private boolean stream(Output out, UrlInspector inspector, UrlSinks.Sink sink, RecordReader in)
      throws IOException {
    boolean ok = true;
    try {
      for (String u; (u = in.next()) != null; ) {
        ok &= one(out, inspector, sink, u);
      }
    } catch (RecordReader.RecordTooLongException e) {
      throw new CommandException(ExitCode.USAGE, "--url-file " + urlFile + ": " + e.getMessage());
    } catch (IOException e) {
      throw CommandException.failure(
          "cannot read --url-file '" + urlFile + "': " + InputFile.reason(e));
    }
    return ok;
  }

  /** A --get batch on every core, output in input order (see {@link ParallelGet}). */
  private boolean parallel(
      Output out,
      UrlSinks.GetSink sink,
      java.util.function.Supplier<UrlInspector> inspectors,
      RecordReader in)
      throws IOException {
    boolean[] ok = {true};
    try {
      ParallelGet.run(
          in,
          ParallelGet.workers(),
          () -> {
            UrlInspector mine = inspectors.get();
            return input -> {
              try {
                return new ParallelGet.Outcome(input, sink.line(mine, input), null, false);
              } catch (InvalidUrlException
                  | UrlEditor.EditFailedException
                  | UrlTemplate.MissingComponentException e) {
                return new ParallelGet.Outcome(
                    input, null, e.getMessage(), e instanceof InvalidUrlException);
              }
            };
          },
          o -> {
            if (o.line() != null) {
              sink.writeLine(o.line());
            } else {
              batch.aside(() -> sink.error(shown(out, o.input()), o.error(), o.invalid()));
              ok[0] = false;
            }
          });
    } catch (RecordReader.RecordTooLongException e) {
      throw new CommandException(ExitCode.USAGE, "--url-file " + urlFile + ": " + e.getMessage());
    } catch (IOException e) {
      throw CommandException.failure(
          "cannot read --url-file '" + urlFile + "': " + InputFile.reason(e));
    }
    return ok[0];
  }

  /** An input as messages show it: its password masked, and with --redact its secrets. */
  private String shown(Output out, String input) {
    String shown = Credentials.maskInInput(input, out::secret);
    return redact ? QueryRedaction.redactInput(shown, Output.MASK) : shown;
  }

  private boolean one(Output out, UrlInspector inspector, UrlSinks.Sink sink, String input)
      throws IOException {
    try {
      sink.accept(inspector, input);
      return true;
    } catch (InvalidUrlException
        | UrlEditor.EditFailedException
        | UrlTemplate.MissingComponentException e) {
      batch.aside(
          () -> sink.error(shown(out, input), e.getMessage(), e instanceof InvalidUrlException));
      return false;
    }
  }

  private WhatwgUrl parseBase() {
    if (base == null) {
      return null;
    }
    try {
      return WhatwgUrl.parse(base);
    } catch (InvalidUrlException e) {
      throw usageError("--base is not a valid URL: " + e.getMessage());
    }
  }

  private UrlTemplate compileTemplate() {
    if (get == null) {
      return null;
    }
    try {
      return UrlTemplate.compile(get);
    } catch (IllegalArgumentException e) {
      throw usageError("--get: " + e.getMessage());
    }
  }

  /** The edit request, every value checked before any URL is read. */
  private UrlEdit edit() {
    List<UrlEdit.Assignment> assignments = new ArrayList<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      UrlComponent c = eq < 0 ? null : UrlComponent.byName(s.substring(0, eq));
      if (c == null) {
        throw usageError(
            "--set "
                + s
                + ": expected COMPONENT=VALUE with COMPONENT one of "
                + Arrays.stream(UrlComponent.values())
                    .map(UrlComponent::jsName)
                    .collect(Collectors.joining(", ")));
      }
      String value = checkLength("--set", s.substring(eq + 1));
      if (c == UrlComponent.PORT && !value.matches("[0-9]{0,5}")
          || c == UrlComponent.PORT && !value.isEmpty() && Integer.parseInt(value) > 65535) {
        throw usageError("--set port=" + value + ": a port is a number from 0 to 65535, or empty");
      }
      if (c == UrlComponent.PROTOCOL && !value.matches("[A-Za-z][A-Za-z0-9+.-]*:?")) {
        throw usageError("--set protocol=" + value + ": not a URL scheme");
      }
      assignments.add(new UrlEdit.Assignment(c, value));
    }
    List<FormUrlEncoded.Param> pairs = new ArrayList<>();
    for (String a : appends) {
      int eq = a.indexOf('=');
      checkLength("--append", a);
      pairs.add(
          eq < 0
              ? new FormUrlEncoded.Param(a, "")
              : new FormUrlEncoded.Param(a.substring(0, eq), a.substring(eq + 1)));
    }
    deletes.forEach(d -> checkLength("--delete", d));
    trims.forEach(t -> checkLength("--trim", t));
    if (redirect != null) {
      checkLength("--redirect", redirect);
    }
    return new UrlEdit(redirect, assignments, deletes, trims, pairs, sortQuery);
  }

  private String checkLength(String option, String value) {
    if (value.length() > MAX_VALUE) {
      throw usageError(option + ": longer than " + MAX_VALUE + " characters (the limit)");
    }
    return value;
  }

  private InputStream open(String file) {
    if (file.equals("-")) {
      // the caller's stdin: Main.run's, or the warm server client's
      return new java.io.FilterInputStream(root().invocation().stdin()) {
        @Override
        public void close() {
          // stdin stays open for whoever runs us
        }
      };
    }
    return InputFiles.open(root().invocation().workingDirectory().resolve(file), "--url-file");
  }
}
