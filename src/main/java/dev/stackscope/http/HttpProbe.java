package dev.stackscope.http;

import dev.stackscope.http.HttpResult.Failure;
import dev.stackscope.http.HttpResult.Hop;
import dev.stackscope.http.HttpResult.Outcome;
import dev.stackscope.http.HttpResult.Redirect;
import dev.stackscope.http.HttpResult.RedirectKind;
import dev.stackscope.http.HttpResult.Response;
import dev.stackscope.http.HttpResult.Step;
import dev.stackscope.http.HttpResult.Timing;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.url.HostType;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.WhatwgUrl;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Makes an HTTP/1.1 request the way a browser's first request goes, timing each phase, and follows
 * redirects. Its own small client over {@link Socket} and {@link SSLSocket} (see the README for why
 * not the JDK's HttpClient): every phase is visible, one connection per request ({@code Connection:
 * close}).
 */
public final class HttpProbe {
  /** Sent unless the caller gives its own. */
  public static final String USER_AGENT = "stackscope";

  private final NameResolver resolver;
  private final TlsInspector tls;
  private final Clock clock;
  private final LongSupplier nanos;

  public HttpProbe(NameResolver resolver, TlsInspector tls, Clock clock, LongSupplier nanos) {
    this.resolver = resolver;
    this.tls = tls;
    this.clock = clock;
    this.nanos = nanos;
  }

  public HttpResult run(HttpRequestSpec spec) {
    List<Hop> hops = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    WhatwgUrl url = spec.url();
    String method = spec.method();
    byte[] body = spec.body();
    List<Header> headers = spec.headers();
    while (true) {
      seen.add(method + " " + url.serialize(true));
      Hop hop = request(spec, url, method, headers, body, hops.isEmpty() ? spec.keepBody() : 0);
      if (hop.failure() != null) {
        hops.add(hop);
        return new HttpResult(hops, Outcome.FAILED);
      }
      int status = hop.response().status();
      String location = header(hop.response(), "Location");
      boolean redirect = status >= 300 && status < 400 && status != 304 && location != null;
      if (!redirect) {
        hops.add(hop);
        return new HttpResult(hops, status >= 400 ? Outcome.HTTP_ERROR : Outcome.OK);
      }
      WhatwgUrl next;
      try {
        next = WhatwgUrl.parse(location, url);
      } catch (InvalidUrlException e) {
        hops.add(
            hop.withFailure(
                new Failure(Step.REDIRECT, "the Location is not a URL: " + e.getMessage(), null)));
        return new HttpResult(hops, Outcome.FAILED);
      }
      hop = hop.withRedirect(new Redirect(location, next.href(), kind(url, next)));
      hops.add(hop);
      if (!spec.follow()) {
        return new HttpResult(hops, Outcome.OK);
      }
      if (!next.scheme().equals("http") && !next.scheme().equals("https")) {
        hops.set(
            hops.size() - 1,
            hop.withFailure(
                new Failure(
                    Step.REDIRECT,
                    "redirect to a " + next.scheme() + ": URL, which http does not follow",
                    null)));
        return new HttpResult(hops, Outcome.FAILED);
      }
      if (status == 303 && !method.equals("HEAD")
          || (status == 301 || status == 302) && method.equals("POST")) {
        method = "GET";
        body = null;
      }
      if (!next.hostRecord().equals(url.hostRecord())) {
        // credentials are not sent to another host (as curl)
        headers = headers.stream().filter(h -> !h.is("Authorization") && !h.is("Cookie")).toList();
      }
      if (seen.contains(method + " " + next.serialize(true))) {
        hops.set(
            hops.size() - 1,
            hop.withFailure(
                new Failure(
                    Step.REDIRECT,
                    "redirect loop: hop " + hops.size() + " leads back to " + next.href(),
                    null)));
        return new HttpResult(hops, Outcome.REDIRECT_LOOP);
      }
      if (hops.size() > spec.maxRedirects()) {
        hops.set(
            hops.size() - 1,
            hop.withFailure(
                new Failure(
                    Step.REDIRECT,
                    "more than "
                        + spec.maxRedirects()
                        + " redirects (hop "
                        + hops.size()
                        + " leads to "
                        + next.href()
                        + ")",
                    null)));
        return new HttpResult(hops, Outcome.TOO_MANY_REDIRECTS);
      }
      url = next;
    }
  }

  /** What a redirect from {@code a} to {@code b} changes. */
  static RedirectKind kind(WhatwgUrl a, WhatwgUrl b) {
    String ha = a.hostname();
    String hb = b.hostname();
    if (a.scheme().equals("http") && b.scheme().equals("https") && ha.equals(hb)) {
      return RedirectKind.HTTPS_UPGRADE;
    }
    if (a.scheme().equals("https") && b.scheme().equals("http") && ha.equals(hb)) {
      return RedirectKind.HTTP_DOWNGRADE;
    }
    if (hb.equals("www." + ha)) {
      return RedirectKind.ADD_WWW;
    }
    if (ha.equals("www." + hb)) {
      return RedirectKind.REMOVE_WWW;
    }
    if (!ha.equals(hb)) {
      return RedirectKind.OTHER_HOST;
    }
    if (b.pathname().equals(a.pathname() + "/")) {
      return RedirectKind.TRAILING_SLASH;
    }
    if (a.serialize(true).equals(b.serialize(true))) {
      return RedirectKind.SAME_URL;
    }
    return RedirectKind.SAME_HOST;
  }

  private Hop request(
      HttpRequestSpec spec,
      WhatwgUrl url,
      String method,
      List<Header> extra,
      byte[] body,
      int keep) {
    String shown = url.href();
    long start = nanos.getAsLong();
    Phases t = new Phases(start);
    boolean https = url.scheme().equals("https");
    int port = url.portNumber() >= 0 ? url.portNumber() : https ? 443 : 80;
    String host = url.hostname();
    String bare =
        url.hostRecord().type() == HostType.IPV6 ? host.substring(1, host.length() - 1) : host;
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis());

    List<InetAddress> addresses;
    InetAddress pinned = spec.resolve().get(bare.toLowerCase(Locale.ROOT) + ":" + port);
    try {
      if (pinned != null) {
        addresses = List.of(pinned);
      } else if (url.hostRecord().type() == HostType.DOMAIN) {
        addresses = resolver.resolve(bare);
        t.dns = t.lap();
      } else {
        addresses = List.of(AddressParser.parse(bare).toInetAddress()); // a literal: no lookup
      }
    } catch (IOException e) {
      t.dns = t.lap();
      return failed(
          shown, method, null, t, null, Step.DNS, "cannot resolve " + bare + ": " + reason(e));
    }
    Socket socket = null;
    String address = null;
    IOException connectError = null;
    for (InetAddress a : addresses) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(a, port), timeoutMs);
        socket = s;
        address =
            (a.getAddress().length == 16 ? "[" + a.getHostAddress() + "]" : a.getHostAddress())
                + ":"
                + port;
        break;
      } catch (IOException e) {
        connectError = e;
        closeQuietly(s);
      }
    }
    t.connect = t.lap();
    if (socket == null) {
      Step step = connectError instanceof SocketTimeoutException ? Step.TIMEOUT : Step.CONNECT;
      return failed(
          shown,
          method,
          null,
          t,
          null,
          step,
          "cannot connect to " + bare + " port " + port + ": " + reason(connectError));
    }
    TlsEndpoint endpoint = null;
    try (Socket plain = socket) {
      socket.setSoTimeout(timeoutMs);
      socket.setTcpNoDelay(true); // as curl: HTTP/2's small frames (acks) must not wait on Nagle
      Socket conn = socket;
      if (https) {
        try {
          TlsInspector.Handshake h =
              tls.handshake(
                  socket,
                  bare,
                  port,
                  spec.protocol() == HttpRequestSpec.Protocol.HTTP1_1
                      ? List.of("http/1.1")
                      : List.of("h2", "http/1.1"),
                  clock.instant());
          conn = h.socket();
          endpoint = h.endpoint();
        } catch (SocketTimeoutException e) {
          t.tls = t.lap();
          return failed(
              shown,
              method,
              address,
              t,
              null,
              Step.TIMEOUT,
              "the TLS handshake timed out after " + timeoutMs + " ms");
        } catch (SSLException e) {
          t.tls = t.lap();
          return failed(
              shown, method, address, t, null, Step.TLS, "TLS handshake failed: " + reason(e));
        }
        t.tls = t.lap();
        if (!endpoint.verified() && !spec.insecure()) {
          Hop hop =
              failed(
                  shown,
                  method,
                  address,
                  t,
                  endpoint,
                  Step.TLS,
                  "the certificate does not verify: "
                      + endpoint.problem()
                      + (endpoint.detail() == null ? "" : " (" + endpoint.detail() + ")"));
          closeQuietly(conn);
          return hop.withFailure(
              new Failure(Step.TLS, hop.failure().message(), endpoint.problem()));
        }
      }
      try (Socket c = conn) {
        boolean h2 =
            https
                ? "h2".equals(endpoint.alpn())
                : spec.protocol() == HttpRequestSpec.Protocol.HTTP2;
        try {
          Exchanged x =
              h2
                  ? exchange2(c, url, method, extra, body, keep, t)
                  : exchange1(c, url, method, extra, body, keep, t);
          t.transfer = t.lap();
          return hop(shown, method, address, t, endpoint, https, extra, x.head(), x.body(), keep);
        } catch (SocketTimeoutException e) {
          Step step = t.send == null ? Step.SEND : Step.PROTOCOL;
          t.lapInto(step);
          return failed(
              shown,
              method,
              address,
              t,
              endpoint,
              Step.TIMEOUT,
              (step == Step.SEND ? "sending the request" : "waiting for the response")
                  + " timed out after "
                  + timeoutMs
                  + " ms");
        } catch (IOException e) {
          Step step = t.send == null ? Step.SEND : Step.PROTOCOL;
          t.lapInto(step);
          return failed(shown, method, address, t, endpoint, step, reason(e));
        }
      }
    } catch (IOException e) {
      return failed(shown, method, address, t, endpoint, Step.CONNECT, reason(e));
    }
  }

  /** A response's head and body as read, whatever the version. */
  private record Exchanged(ResponseHead head, ResponseReader.Body body) {}

  private Exchanged exchange1(
      Socket c, WhatwgUrl url, String method, List<Header> extra, byte[] body, int keep, Phases t)
      throws IOException {
    OutputStream os = c.getOutputStream();
    os.write(requestBytes(url, method, extra, body));
    os.flush();
    t.send = t.lap();
    ResponseReader reader = new ResponseReader(new BufferedInputStream(c.getInputStream(), 16384));
    if (!reader.awaitFirstByte()) {
      throw new HttpProtocolException("the server closed the connection without answering");
    }
    t.wait = t.lap();
    ResponseHead head = reader.readHead();
    return new Exchanged(head, reader.readBody(head, method, keep));
  }

  private Exchanged exchange2(
      Socket c, WhatwgUrl url, String method, List<Header> extra, byte[] body, int keep, Phases t)
      throws IOException {
    Http2Exchange h2 =
        new Http2Exchange(
            new BufferedInputStream(c.getInputStream(), 16384),
            new java.io.BufferedOutputStream(c.getOutputStream(), 16384));
    Http2Exchange.Exchange x =
        h2.exchange(
            method,
            url.scheme(),
            url.host(),
            target(url),
            requestFields(url, extra, body),
            body,
            keep,
            new Http2Exchange.Marks() {
              @Override
              public void sent() {
                t.send = t.lap();
              }

              @Override
              public void firstByte() {
                t.wait = t.lap();
              }
            });
    return new Exchanged(x.head(), x.body());
  }

  private Hop hop(
      String shown,
      String method,
      String address,
      Phases t,
      TlsEndpoint endpoint,
      boolean https,
      List<Header> extra,
      ResponseHead head,
      ResponseReader.Body content,
      int keep) {
    Instant received = clock.instant();
    Headers rh = head.headers();
    Long declared = null;
    try {
      String cl = rh.first("Content-Length");
      declared = cl == null ? null : ResponseReader.parseLength(cl);
    } catch (HttpProtocolException e) {
      declared = null;
    }
    Response response =
        new Response(
            head.version(),
            head.status(),
            head.reason(),
            rh.fields(),
            rh.first("Content-Type"),
            declared,
            rh.first("Content-Encoding"),
            content.bytes(),
            content.complete(),
            content.truncated(),
            keep > 0 ? new String(content.kept(), StandardCharsets.UTF_8) : null);
    CacheVerdict cache =
        CacheAnalysis.analyse(method, Headers.of(extra), head.status(), rh, received);
    Hsts hsts = https ? Hsts.parse(rh.first("Strict-Transport-Security")) : null;
    Failure failure = null;
    if (!content.complete() && !content.truncated()) {
      failure =
          new Failure(
              Step.PROTOCOL,
              "the server closed the connection after "
                  + content.bytes()
                  + " bytes of content"
                  + (declared == null ? "" : " of " + declared),
              null);
    }
    return new Hop(
        shown, method, address, t.timing(), endpoint, hsts, response, cache, null, failure);
  }

  private static String target(WhatwgUrl url) {
    String target = url.pathname() + url.search();
    return target.isEmpty() ? "/" : target;
  }

  static byte[] requestBytes(WhatwgUrl url, String method, List<Header> extra, byte[] body) {
    List<Header> fields = requestFields(url, extra, body);
    fields.add(new Header("Connection", "close"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(target(url)).append(" HTTP/1.1\r\n");
    for (Header h : fields) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n");
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** The request's fields, defaults first (Host, User-Agent, Accept), without Connection. */
  static List<Header> requestFields(WhatwgUrl url, List<Header> extra, byte[] body) {
    List<Header> fields = new ArrayList<>();
    fields.add(new Header("Host", url.host()));
    fields.add(new Header("User-Agent", USER_AGENT));
    fields.add(new Header("Accept", "*/*"));
    if (url.includesCredentials()) {
      String user =
          new String(
                  dev.stackscope.url.PercentEncoding.decodeToBytes(url.username()),
                  StandardCharsets.UTF_8)
              + ":"
              + new String(
                  dev.stackscope.url.PercentEncoding.decodeToBytes(url.password()),
                  StandardCharsets.UTF_8);
      fields.add(
          new Header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))));
    }
    for (Header h : extra) {
      fields.removeIf(f -> f.is(h.name()));
    }
    fields.addAll(extra);
    if (body != null) {
      fields.removeIf(f -> f.is("Content-Length"));
      fields.add(new Header("Content-Length", Integer.toString(body.length)));
      if (extra.stream().noneMatch(h -> h.is("Content-Type"))) {
        fields.add(new Header("Content-Type", "application/x-www-form-urlencoded"));
      }
    }
    fields.removeIf(f -> f.is("Connection"));
    return fields;
  }

  private static Hop failed(
      String url,
      String method,
      String address,
      Phases t,
      TlsEndpoint tls,
      Step step,
      String message) {
    return new Hop(
        url,
        method,
        address,
        t.timing(),
        tls,
        null,
        null,
        null,
        null,
        new Failure(step, message, null));
  }

  private static String header(Response r, String name) {
    for (Header h : r.headers()) {
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }

  private static String reason(Throwable e) {
    if (e == null) {
      return "no address";
    }
    String m = e.getMessage();
    if (e instanceof java.net.UnknownHostException) {
      return "no such host";
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do: the socket is being given up
    }
  }

  /** Lap times of one request. */
  private final class Phases {
    final long start;
    long mark;
    Double dns;
    Double connect;
    Double tls;
    Double send;
    Double wait;
    Double transfer;

    Phases(long start) {
      this.start = start;
      this.mark = start;
    }

    double lap() {
      long now = nanos.getAsLong();
      double ms = (now - mark) / 1e6;
      mark = now;
      return ms;
    }

    void lapInto(Step step) {
      double ms = lap();
      if (step == Step.SEND) {
        send = ms;
      } else if (wait == null) {
        wait = ms;
      } else {
        transfer = ms;
      }
    }

    Timing timing() {
      return new Timing(dns, connect, tls, send, wait, transfer, (mark - start) / 1e6);
    }
  }
}
