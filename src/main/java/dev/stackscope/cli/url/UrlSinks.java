package dev.stackscope.cli.url;

import dev.stackscope.output.JsonRenderer;
import dev.stackscope.output.Output;
import dev.stackscope.output.Sanitizer;
import dev.stackscope.output.Text;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.QueryRedaction;
import dev.stackscope.url.UrlAnatomy;
import dev.stackscope.url.UrlEditor;
import dev.stackscope.url.UrlInspector;
import dev.stackscope.url.UrlSpans;
import dev.stackscope.url.UrlTemplate;
import dev.stackscope.url.ValidationLog;
import dev.stackscope.url.WhatwgUrl;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/** Where {@code url}'s results go: one sink per output mode, fed one input at a time. */
final class UrlSinks {
  private UrlSinks() {}

  /** One output mode. */
  interface Sink {
    void accept(UrlInspector inspector, String input)
        throws InvalidUrlException,
            UrlEditor.EditFailedException,
            UrlTemplate.MissingComponentException,
            IOException;

    /** An input that failed; {@code invalid}: the URL itself, not an edit or a template. */
    void error(String input, String message, boolean invalid) throws IOException;

    /**
     * Ends the output; {@code completed} is false when the run stops with an error, which then
     * stays the only JSON document if no entry was written.
     */
    void finish(boolean completed) throws IOException;
  }

  /** A JSON entry of an input that failed: the same in every batch. */
  record UrlError(String input, String error) {}

  /**
   * The sink of an output mode; {@code aligned} ({@code -0} input): --get writes an empty line for
   * an input that fails, so that output line N always answers input record N.
   */
  static Sink forOutput(Output out, UrlTemplate template, boolean redact, boolean aligned) {
    UnaryOperator<String> secret = out::secret;
    if (template != null) {
      return new GetSink(out, template, secret, redact, aligned);
    }
    return out.json() ? new JsonSink(out, secret, redact) : new TextSink(out, secret, redact);
  }

  private static void note(Output out, String input, String message, boolean invalid) {
    out.note((invalid ? "invalid URL \"" : "\"") + input + "\": " + message);
  }

  private static UrlInspector.Parsed redacted(UrlInspector.Parsed parsed, boolean redact) {
    return redact
        ? new UrlInspector.Parsed(
            QueryRedaction.redactInput(parsed.input(), Output.MASK),
            QueryRedaction.redact(parsed.url(), Output.MASK),
            parsed.validationErrors())
        : parsed;
  }

  /** --get: one rendered template per URL, written through one buffer (flushed at the end). */
  static final class GetSink implements Sink {
    private final Output out;
    private final UrlTemplate template;
    private final UnaryOperator<String> secret;
    private final boolean redact;
    private final boolean aligned;
    private final Writer writer;

    GetSink(
        Output out,
        UrlTemplate template,
        UnaryOperator<String> secret,
        boolean redact,
        boolean aligned) {
      this.out = out;
      this.template = template;
      this.secret = secret;
      this.redact = redact;
      this.aligned = aligned;
      this.writer = new BufferedWriter(out.stdout(), 1 << 16);
    }

    @Override
    public void accept(UrlInspector inspector, String input)
        throws InvalidUrlException,
            UrlEditor.EditFailedException,
            UrlTemplate.MissingComponentException,
            IOException {
      writeLine(line(inspector, input));
    }

    /** The line of one input; safe on any thread that has an inspector of its own. */
    String line(UrlInspector inspector, String input)
        throws InvalidUrlException,
            UrlEditor.EditFailedException,
            UrlTemplate.MissingComponentException {
      WhatwgUrl url = inspector.url(input);
      if (redact) {
        url = QueryRedaction.redact(url, Output.MASK);
      }
      return Sanitizer.clean(template.render(url, secret));
    }

    void writeLine(String line) throws IOException {
      writer.write(line);
      writer.write('\n');
    }

    @Override
    public void error(String input, String message, boolean invalid) throws IOException {
      if (aligned) {
        writer.write('\n');
      }
      writer.flush();
      note(out, input, message, invalid);
    }

    @Override
    public void finish(boolean completed) throws IOException {
      writer.flush();
    }
  }

  /**
   * --json: one array, streamed element by element through the output layer, so a batch of any size
   * has the layout of {@code url --json URL} and memory stays flat.
   */
  private static final class JsonSink implements Sink {
    private final Output out;
    private final UnaryOperator<String> secret;
    private final boolean redact;
    private JsonRenderer.ArrayWriter array;

    JsonSink(Output out, UnaryOperator<String> secret, boolean redact) {
      this.out = out;
      this.secret = secret;
      this.redact = redact;
    }

    private JsonRenderer.ArrayWriter array() {
      if (array == null) {
        array = out.jsonArray(); // started with the first entry: an early error stays the document
      }
      return array;
    }

    @Override
    public void accept(UrlInspector inspector, String input)
        throws InvalidUrlException, UrlEditor.EditFailedException {
      UrlAnatomy a = UrlInspector.anatomy(redacted(inspector.inspect(input), redact), secret);
      array().add(a);
    }

    @Override
    public void error(String input, String message, boolean invalid) {
      array().add(new UrlError(input, message));
    }

    @Override
    public void finish(boolean completed) {
      if (completed || array != null) {
        array().close();
      }
    }
  }

  /** Text: the marked-up URL and a detail view per URL; warnings and errors on stderr. */
  private static final class TextSink implements Sink {
    private final Output out;
    private final UnaryOperator<String> secret;
    private final boolean redact;
    private boolean first = true;

    TextSink(Output out, UnaryOperator<String> secret, boolean redact) {
      this.out = out;
      this.secret = secret;
      this.redact = redact;
    }

    @Override
    public void accept(UrlInspector inspector, String input)
        throws InvalidUrlException, UrlEditor.EditFailedException {
      UrlInspector.Parsed parsed = redacted(inspector.inspect(input), redact);
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
      out.detail(UrlDetailView.of(a, redact));
    }

    @Override
    public void error(String input, String message, boolean invalid) {
      note(out, input, message, invalid);
    }

    @Override
    public void finish(boolean completed) {}
  }
}
