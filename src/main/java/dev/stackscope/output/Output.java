package dev.stackscope.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The one way commands print. Text views ({@link Table}, {@link TreeNode}, {@link Detail}, {@link
 * Text}) and JSON documents go to stdout; notes, warnings and errors go to stderr as {@code
 * stackscope: <message>}. Everything untrusted has been sanitised by the time it is written.
 *
 * <p>With {@code --json}, stdout carries exactly one document per run: the command's result, or,
 * when the run ends with an error instead, {@link #error} — {@code {"error": {"message": ...,
 * "exitCode": ...}}}.
 */
public final class Output {
  /** What a masked secret looks like. */
  public static final String MASK = "•••";

  private final PrintWriter out;
  private final PrintWriter err;
  private final RenderSettings settings;
  // shared by the copies made with with(): one run, one document
  private final AtomicBoolean documentWritten;

  /** The JSON document of a run that ended with an error (see {@link #error}). */
  record ErrorDocument(Error error) {
    record Error(String message, int exitCode) {}
  }

  public Output(PrintWriter out, PrintWriter err, RenderSettings settings) {
    this(out, err, settings, new AtomicBoolean());
  }

  private Output(
      PrintWriter out, PrintWriter err, RenderSettings settings, AtomicBoolean documentWritten) {
    this.out = out;
    this.err = err;
    this.settings = settings;
    this.documentWritten = documentWritten;
  }

  public RenderSettings settings() {
    return settings;
  }

  /** A copy that renders with other settings (e.g. --ascii for one command). */
  public Output with(RenderSettings other) {
    return new Output(out, err, other, documentWritten);
  }

  public boolean json() {
    return settings.json();
  }

  public boolean reveal() {
    return settings.reveal();
  }

  /** {@code secret} itself with --reveal, otherwise the mask (null stays null). */
  public String secret(String secret) {
    if (secret == null || settings.reveal()) {
      return secret;
    }
    return MASK;
  }

  public void table(Table table) {
    lines(table.render(settings));
  }

  public void tree(TreeNode root) {
    TreeRenderer.write(List.of(root), settings, out);
  }

  public void trees(List<TreeNode> roots) {
    TreeRenderer.write(roots, settings, out);
  }

  public void detail(Detail detail) {
    lines(detail.render(settings));
  }

  /** Prints one JSON document (records, lists, maps; see {@link JsonRenderer}). */
  public void json(Object document) {
    json(document, UnaryOperator.identity());
  }

  /**
   * Prints one JSON document whose values of some types are written as what {@code words} makes of
   * them (a result's data as the sentence the output layer chooses for it).
   */
  public void json(Object document, UnaryOperator<Object> words) {
    documentWritten.set(true);
    JsonRenderer.write(document, out, words);
  }

  /** The command writes its JSON document itself, through {@link #stdout()} (a streamed array). */
  public void documentStarted() {
    documentWritten.set(true);
  }

  /** Starts the run's JSON document as an array streamed element by element. */
  public JsonRenderer.ArrayWriter jsonArray() {
    documentWritten.set(true);
    return JsonRenderer.array(out);
  }

  /** Prints one compact JSON document on one line (a stream of documents). */
  public void jsonLine(Object document) {
    documentWritten.set(true);
    JsonRenderer.writeLine(document, out);
  }

  /**
   * Ends a run that failed: the one-line message on stderr ({@code stackscope: <message>}) and,
   * with --json when no document has been printed yet, {@code {"error": {"message": ...,
   * "exitCode": N}}} on stdout, so that --json always yields exactly one document.
   */
  public void error(String message, int exitCode) {
    note(message);
    if (settings.json() && !documentWritten.get()) {
      json(new ErrorDocument(new ErrorDocument.Error(message, exitCode)));
    }
  }

  /**
   * Throws {@link OutputFailure} when a write to stdout has failed (a closed pipe, a full disk):
   * the writers swallow their errors, so views that go on (--watch) and the end of every run ask.
   */
  public void checkWritten() {
    IOException failure = null;
    if (out instanceof StdoutWriter s) {
      failure = s.failure();
    } else if (out.checkError()) {
      failure = new IOException("write error");
    }
    if (failure != null) {
      throw new OutputFailure(failure);
    }
  }

  /** Prints a line of styled text, cut to the width limit. */
  public void line(Text text) {
    out.println(text.render(settings.color(), settings.width(), settings.ellipsis()));
    out.flush();
  }

  /**
   * Prints one line of untrusted text, sanitised, never cut (values for scripts, like dig +short).
   */
  public void value(String untrusted) {
    out.println(Sanitizer.clean(untrusted));
    out.flush();
  }

  public void blank() {
    out.println();
    out.flush();
  }

  /** A note on stderr: {@code stackscope: <message>} (message sanitised). */
  public void note(String message) {
    err.println("stackscope: " + Sanitizer.clean(message));
    err.flush();
  }

  /** A warning on stderr: {@code stackscope: warning: <message>}. */
  public void warn(String message) {
    note("warning: " + message);
  }

  /** Raw access for trusted text only (help text, generated scripts). */
  public PrintWriter stdout() {
    return out;
  }

  public PrintWriter stderr() {
    return err;
  }

  // One write for the whole view: the writers flush on every println, which would be one system
  // call per line.
  private void lines(List<String> lines) {
    String eol = System.lineSeparator();
    int size = 0;
    for (String l : lines) {
      size += l.length() + eol.length();
    }
    StringBuilder sb = new StringBuilder(size);
    for (String l : lines) {
      sb.append(l).append(eol);
    }
    out.write(sb.toString());
    out.flush();
  }
}
