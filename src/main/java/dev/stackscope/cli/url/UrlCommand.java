package dev.stackscope.cli.url;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.os.InputFile;
import dev.stackscope.output.Detail;
import dev.stackscope.output.JsonRenderer;
import dev.stackscope.output.Output;
import dev.stackscope.output.Sanitizer;
import dev.stackscope.output.Text;
import dev.stackscope.url.Credentials;
import dev.stackscope.url.FormUrlEncoded;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.UrlAnatomy;
import dev.stackscope.url.UrlInspector;
import dev.stackscope.url.UrlParser;
import dev.stackscope.url.UrlSpans;
import dev.stackscope.url.UrlTemplate;
import dev.stackscope.url.ValidationLog;
import dev.stackscope.url.WhatwgUrl;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope url URL...}: a URL's anatomy per the WHATWG URL Standard. */
@Command(
    name = "url",
    description =
        "Take URLs apart as browsers do (WHATWG URL Standard): scheme, credentials, host and its"
            + " type, Public Suffix split, ports, path segments, query parameters, fragment,"
            + " origin. Passwords are masked unless --reveal.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  stackscope url 'postgres://myuser:mypass@db.coolsite.com:5432/mydb'",
      "  stackscope url --base https://example.com/a/b ../c?x=1",
      "  stackscope url --get '{host} {query:id}' --url-file urls.txt",
      "  printf 'https://a.example/x\\0' | stackscope url -0 --url-file - --get '{path}'",
      "Exit codes: 0 all parsed, 1 some URL invalid (each named on stderr), 2 usage."
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
              + " {query:KEY} {fragment} {subdomain} {registrableDomain} {publicSuffix} {href}"
              + " {origin} {hostType} {unicodeHostname} {search} {hash}; {{ and }} for literal"
              + " braces.")
  String get;

  @Option(
      names = "--url-file",
      paramLabel = "FILE",
      description = "Read URLs from FILE, one per line ('-' = stdin); streamed.")
  String urlFile;

  @Option(
      names = {"-0", "--null"},
      description = "Records in --url-file are NUL-terminated (URLs may hold tabs and newlines).")
  boolean nul;

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
    UnaryOperator<String> secret = out::secret;
    // opened before anything is printed: "cannot read" is the run's only output
    try (InputStream in = urlFile == null ? null : open(urlFile)) {
      return inspect(out, baseUrl, template, secret, in);
    }
  }

  private ExitCode inspect(
      Output out,
      WhatwgUrl baseUrl,
      UrlTemplate template,
      UnaryOperator<String> secret,
      InputStream in)
      throws IOException {
    Sink sink;
    if (template != null) {
      sink = new GetSink(out, template, secret);
    } else if (out.json()) {
      sink = urlFile == null ? new JsonListSink(out, secret) : new JsonStreamSink(out, secret);
    } else {
      sink = new TextSink(out, secret);
    }

    UrlInspector inspector = new UrlInspector();
    boolean failed = false;
    try {
      for (String u : urls) {
        failed |= !one(out, inspector, sink, u, baseUrl);
      }
      if (in != null) {
        RecordReader records = new RecordReader(in, nul);
        try {
          for (String u; (u = records.next()) != null; ) {
            failed |= !one(out, inspector, sink, u, baseUrl);
          }
        } catch (RecordReader.RecordTooLongException e) {
          throw new CommandException(ExitCode.USAGE, "--url-file " + urlFile + ": " + e.getMessage());
        } catch (IOException e) {
          throw CommandException.failure(
              "cannot read --url-file '" + urlFile + "': " + InputFile.reason(e));
        }
      }
    } finally {
      sink.finish();
    }
    return failed ? ExitCode.FAILURE : ExitCode.OK;
  }

  private boolean one(
      Output out, UrlInspector inspector, Sink sink, String input, WhatwgUrl baseUrl)
      throws IOException {
    try {
      sink.accept(inspector, input, baseUrl);
      return true;
    } catch (InvalidUrlException e) {
      sink.error(Credentials.maskInInput(input, out::secret), e.getMessage());
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

  /** Where results go: one implementation per output mode. */
  private interface Sink {
    void accept(UrlInspector inspector, String input, WhatwgUrl base)
        throws InvalidUrlException, IOException;

    void error(String input, String message) throws IOException;

    void finish() throws IOException;
  }

  /** --get: one rendered template per URL, written through one buffer (flushed at the end). */
  private static final class GetSink implements Sink {
    private final Output out;
    private final UrlTemplate template;
    private final UnaryOperator<String> secret;
    private final Writer writer;
    private final UrlParser parser = new UrlParser();

    GetSink(Output out, UrlTemplate template, UnaryOperator<String> secret) {
      this.out = out;
      this.template = template;
      this.secret = secret;
      this.writer = new BufferedWriter(out.stdout(), 1 << 16);
    }

    @Override
    public void accept(UrlInspector inspector, String input, WhatwgUrl base)
        throws InvalidUrlException, IOException {
      WhatwgUrl url = parser.parse(input, base, ValidationLog.DISCARD);
      writer.write(Sanitizer.clean(template.render(url, secret)));
      writer.write('\n');
    }

    @Override
    public void error(String input, String message) throws IOException {
      writer.flush();
      out.note("invalid URL \"" + input + "\": " + message);
    }

    @Override
    public void finish() throws IOException {
      writer.flush();
    }
  }

  /** A JSON error entry of a batch. */
  record UrlError(String input, String error) {}

  /** --json with URLs as arguments: one pretty JSON array at the end. */
  private static final class JsonListSink implements Sink {
    private final Output out;
    private final UnaryOperator<String> secret;
    private final List<Object> items = new ArrayList<>();

    JsonListSink(Output out, UnaryOperator<String> secret) {
      this.out = out;
      this.secret = secret;
    }

    @Override
    public void accept(UrlInspector inspector, String input, WhatwgUrl base)
        throws InvalidUrlException {
      items.add(UrlInspector.anatomy(inspector.parse(input, base), secret));
    }

    @Override
    public void error(String input, String message) {
      items.add(new UrlError(input, message));
    }

    @Override
    public void finish() {
      out.json(items);
    }
  }

  /**
   * --json with --url-file: a JSON array streamed one compact object per line, so memory stays flat
   * however many URLs come in.
   */
  private static final class JsonStreamSink implements Sink {
    private final UnaryOperator<String> secret;
    private final Writer writer;
    private final StringWriter item = new StringWriter();
    private boolean first = true;

    JsonStreamSink(Output out, UnaryOperator<String> secret) throws IOException {
      this.secret = secret;
      this.writer = new BufferedWriter(out.stdout(), 1 << 16);
      out.documentStarted();
      writer.write("[\n");
    }

    @Override
    public void accept(UrlInspector inspector, String input, WhatwgUrl base)
        throws InvalidUrlException, IOException {
      write(UrlInspector.anatomy(inspector.parse(input, base), secret));
    }

    @Override
    public void error(String input, String message) throws IOException {
      write(new UrlError(input, message));
    }

    private void write(Object value) throws IOException {
      item.getBuffer().setLength(0);
      JsonRenderer.writeLine(value, item);
      int end = item.getBuffer().length() - 1; // writeLine ends the line; the separator goes first
      writer.write(first ? "" : ",\n");
      writer.write(item.getBuffer().substring(0, end));
      first = false;
    }

    @Override
    public void finish() throws IOException {
      writer.write(first ? "]\n" : "\n]\n");
      writer.flush();
    }
  }

  /** Text: the marked-up URL and a detail view per URL; warnings and errors on stderr. */
  private static final class TextSink implements Sink {
    private final Output out;
    private final UnaryOperator<String> secret;
    private boolean first = true;

    TextSink(Output out, UnaryOperator<String> secret) {
      this.out = out;
      this.secret = secret;
    }

    @Override
    public void accept(UrlInspector inspector, String input, WhatwgUrl base)
        throws InvalidUrlException {
      UrlInspector.Parsed parsed = inspector.parse(input, base);
      UrlAnatomy a = UrlInspector.anatomy(parsed, secret);
      if (!first) {
        out.blank();
      }
      first = false;
      for (String v : a.validationErrors()) {
        out.warn("\"" + a.input() + "\": validation error: " + ValidationLog.describe(v));
      }
      for (Text line :
          UrlMarkup.render(UrlSpans.of(parsed.url(), secret), out.settings().unicode())) {
        out.line(line);
      }
      out.blank();
      out.detail(detail(a));
    }

    @Override
    public void error(String input, String message) {
      out.note("invalid URL \"" + input + "\": " + message);
    }

    @Override
    public void finish() {}

    private static Detail detail(UrlAnatomy a) {
      Detail d = new Detail(Text.empty());
      d.section("URL")
          .field("href", a.href())
          .field("origin", a.origin())
          .field("scheme", a.scheme())
          .field("username", a.username().isEmpty() ? null : a.username())
          .field("password", a.password().isEmpty() ? null : a.password());
      if (a.hostType() != null) {
        Detail.Section h =
            d.section("Host").field("host", a.hostname()).field("type", a.hostType());
        if (a.unicodeHostname() != null && !a.unicodeHostname().equals(a.hostname())) {
          h.field("unicode", a.unicodeHostname());
        }
        if (a.publicSuffix() != null) {
          h.field("subdomain", a.subdomain())
              .field("registrable domain", a.registrableDomain())
              .field(
                  "public suffix",
                  a.publicSuffix()
                      + (a.publicSuffixSection() == null
                          ? " (not on the list: default rule)"
                          : " (" + a.publicSuffixSection() + ")"));
        }
        d.section("Port")
            .field("port", a.port().isEmpty() ? null : a.port())
            .field("default", a.defaultPort())
            .field("effective", a.effectivePort());
      }
      Detail.Section p = d.section("Path").field("pathname", a.pathname());
      for (int i = 0; i < a.pathSegments().size(); i++) {
        p.field("segment " + (i + 1), a.pathSegments().get(i));
      }
      if (!a.search().isEmpty()) {
        Detail.Section q = d.section("Query").field("search", a.search());
        for (FormUrlEncoded.Param param : a.queryParams()) {
          q.field(param.key().isEmpty() ? "(empty key)" : param.key(), param.value());
        }
      }
      if (!a.hash().isEmpty()) {
        d.section("Fragment").field("hash", a.hash());
      }
      return d;
    }
  }
}
