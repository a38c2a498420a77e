package dev.stackscope.cli.http;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.http.Header;
import dev.stackscope.http.HttpProbe;
import dev.stackscope.http.HttpRequestSpec;
import dev.stackscope.http.HttpResult;
import dev.stackscope.http.NameResolver;
import dev.stackscope.http.TlsInspector;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.InvalidAddressException;
import dev.stackscope.output.Output;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.WhatwgUrl;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope http URL}: what happens when a browser asks for this URL, and why. */
@Command(
    name = "http",
    sortOptions = false,
    description = {
      "Make an HTTP request (HTTP/2 when the server offers it over TLS, else HTTP/1.1) and show what happened: the timing of each phase (DNS, connect, "
          + "TLS, request, server processing, transfer), every redirect and why, the TLS endpoint "
          + "(protocol, cipher, certificate chain, whether it verifies and why not, HSTS), the "
          + "response's headers, and the caching verdict (RFC 9111) with the caches that served it.",
      "The body is not printed (its size and type are) unless --body. Set-Cookie values, "
          + "Authorization-like headers and URL passwords are masked unless --reveal."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  the final response has a 1xx-3xx status",
      "  1  a 4xx or 5xx status, or a step failed (dns, connect, tls, timeout, protocol, redirect)",
      "  2  usage error (a bad URL or option)"
    })
public final class HttpCommand extends BaseCommand {
  static final int MAX_URL = 8 * 1024;
  static final int MAX_HEADER = 8 * 1024;
  static final int MAX_DATA = 1024 * 1024;
  static final int BODY_SHOWN = 64 * 1024;
  private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");

  @Parameters(index = "0", paramLabel = "URL", description = "An http:// or https:// URL.")
  String url;

  @Option(
      names = {"-I", "--head"},
      description = "Send HEAD instead of GET.")
  boolean head;

  @Option(
      names = {"-X", "--request"},
      paramLabel = "METHOD",
      description = "The request method.")
  String method;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'NAME: VALUE'",
      description = "Add or replace a request header (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(
      names = {"-d", "--data"},
      paramLabel = "TEXT",
      description = "Send TEXT as the request body (POST unless -X says otherwise).")
  String data;

  @Option(
      names = "--resolve",
      paramLabel = "HOST:PORT:ADDRESS",
      description =
          "Connect to ADDRESS for HOST:PORT instead of looking HOST up (as curl; repeatable).")
  List<String> resolve = new ArrayList<>();

  @Option(
      names = "--max-redirs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Follow at most N redirects, 0 to 50 (default: ${DEFAULT-VALUE}).")
  int maxRedirects;

  @Option(names = "--no-follow", description = "Do not follow redirects: show the first response.")
  boolean noFollow;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationOption.Seconds.class,
      description =
          "Give up on each connect, handshake or read after this long: 500ms, 5s, 1m; "
              + "a bare number is seconds (at most 5m, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  private HttpRequestSpec spec;
  private TlsInspector tls;

  @Mixin TrustOptions trust;

  @Option(names = "--body", description = "Print the first 64 KiB of the final response's body.")
  boolean body;

  @Option(
      names = "--http1.1",
      description = "Speak HTTP/1.1 only (by default h2 is offered over TLS, as curl does).")
  boolean http11;

  @Option(
      names = "--http2",
      description =
          "Speak HTTP/2: over TLS as by default (h2 offered, HTTP/1.1 if the server declines); "
              + "over http:// with prior knowledge (h2c).")
  boolean http2;

  /** Checks every option before anything is sent; a usage error names the option. */
  @Override
  protected void validate() {
    if (url.length() > MAX_URL) {
      throw usageError("the URL is longer than " + MAX_URL + " characters");
    }
    WhatwgUrl parsed;
    try {
      parsed = WhatwgUrl.parse(url);
    } catch (InvalidUrlException e) {
      throw usageError("not a URL: " + e.getMessage());
    }
    if (!parsed.scheme().equals("http") && !parsed.scheme().equals("https")) {
      throw usageError("http asks http:// and https:// URLs, not " + parsed.scheme() + ":");
    }
    String m = method != null ? method : head ? "HEAD" : data != null ? "POST" : "GET";
    if (!METHOD.matcher(m).matches()) {
      throw usageError(
          "-X " + m + ": a method is a token of 1 to 32 letters, digits or !#$%&'*+.^_`|~-");
    }
    if (head && method != null && !method.equals("HEAD")) {
      throw usageError("--head and -X " + method + " ask for different methods");
    }
    List<Header> fields = new ArrayList<>();
    for (String h : headers) {
      fields.add(header(h));
    }
    byte[] content = null;
    if (data != null) {
      content = data.getBytes(StandardCharsets.UTF_8);
      if (content.length > MAX_DATA) {
        throw usageError("--data is longer than " + MAX_DATA + " bytes");
      }
    }
    Map<String, InetAddress> pins = new LinkedHashMap<>();
    for (String r : resolve) {
      pin(r, pins);
    }
    if (maxRedirects < 0 || maxRedirects > 50) {
      throw usageError("--max-redirs must be 0 to 50");
    }
    String bad =
        DurationOption.problem(
            "--timeout",
            timeout,
            Duration.ofMillis(1),
            Duration.ofMinutes(5),
            DurationOption.BareUnit.SECONDS);
    if (bad != null) {
      throw usageError(bad);
    }
    if (http11 && http2) {
      throw usageError("--http1.1 and --http2 ask for different versions");
    }
    tls = trust.anchors();
    spec =
        new HttpRequestSpec(
            parsed,
            m,
            fields,
            content,
            pins,
            maxRedirects,
            !noFollow,
            timeout,
            body ? BODY_SHOWN : 0,
            trust.insecure(),
            http11
                ? HttpRequestSpec.Protocol.HTTP1_1
                : http2 ? HttpRequestSpec.Protocol.HTTP2 : HttpRequestSpec.Protocol.AUTO);
  }

  @Override
  protected ExitCode execute(Output out) {
    HttpResult result =
        new HttpProbe(NameResolver.system(), tls, Clock.systemUTC(), System::nanoTime).run(spec);
    HttpResult shown = HttpMasking.mask(result, out.reveal());
    ExitCode code = result.outcome() == HttpResult.Outcome.OK ? ExitCode.OK : ExitCode.FAILURE;
    if (out.json()) {
      out.json(shown);
    } else {
      HttpView.render(out, shown);
    }
    return code;
  }

  private Header header(String text) {
    if (text.length() > MAX_HEADER) {
      throw usageError("-H: a header longer than " + MAX_HEADER + " characters");
    }
    int colon = text.indexOf(':');
    String name = colon < 0 ? "" : text.substring(0, colon);
    if (colon <= 0 || !METHOD.matcher(name).matches()) {
      throw usageError("-H '" + text + "': expected 'Name: value' with a token name");
    }
    String value = text.substring(colon + 1).strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw usageError("-H " + name + ": a header value cannot hold CR, LF or NUL");
      }
    }
    return new Header(name, value);
  }

  private void pin(String text, Map<String, InetAddress> pins) {
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (second < 0) {
      throw usageError("--resolve " + text + ": expected HOST:PORT:ADDRESS");
    }
    String host = text.substring(0, first).toLowerCase(Locale.ROOT);
    String port = text.substring(first + 1, second);
    String address = text.substring(second + 1);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (host.isEmpty() || p < 1 || p > 65535) {
      throw usageError("--resolve " + text + ": expected HOST:PORT:ADDRESS with a port 1 to 65535");
    }
    try {
      pins.put(host + ":" + p, AddressParser.parse(address).toInetAddress());
    } catch (InvalidAddressException e) {
      throw usageError("--resolve " + text + ": " + e.getMessage());
    }
  }
}
