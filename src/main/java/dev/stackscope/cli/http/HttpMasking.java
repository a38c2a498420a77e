package dev.stackscope.cli.http;

import dev.stackscope.http.Header;
import dev.stackscope.http.HttpResult;
import dev.stackscope.http.HttpResult.Hop;
import dev.stackscope.http.HttpResult.Redirect;
import dev.stackscope.http.HttpResult.Response;
import dev.stackscope.output.Output;
import dev.stackscope.process.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Masks what {@code http} shows unless --reveal: URL passwords, cookie values, credentials headers,
 * headers whose name says secret, and secret-shaped values (the rules {@code proc} uses).
 */
public final class HttpMasking {
  /** Headers whose whole value is a credential. */
  static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "x-amz-security-token");

  private HttpMasking() {}

  public static HttpResult mask(HttpResult r, boolean reveal) {
    if (reveal) {
      return r;
    }
    List<Hop> hops = new ArrayList<>();
    for (Hop h : r.hops()) {
      hops.add(
          new Hop(
              url(h.url()),
              h.method(),
              h.address(),
              h.timing(),
              h.tls(),
              h.hsts(),
              response(h.response()),
              h.cache(),
              redirect(h.redirect()),
              h.failure() == null
                  ? null
                  : new HttpResult.Failure(
                      h.failure().step(),
                      Secrets.maskText(h.failure().message(), Output.MASK),
                      h.failure().tlsProblem())));
    }
    return new HttpResult(hops, r.outcome());
  }

  static Header header(Header h) {
    String name = h.name().toLowerCase(Locale.ROOT);
    if (CREDENTIAL_HEADERS.contains(name) || Secrets.isSecretName(name.replace('-', '_'))) {
      return new Header(h.name(), Output.MASK);
    }
    if (name.equals("set-cookie")) {
      int eq = h.value().indexOf('=');
      int semi = h.value().indexOf(';');
      String cookie = eq < 0 ? h.value() : h.value().substring(0, eq + 1) + Output.MASK;
      return new Header(h.name(), semi < 0 ? cookie : cookie + h.value().substring(semi));
    }
    return new Header(h.name(), Secrets.maskText(h.value(), Output.MASK));
  }

  private static Response response(Response r) {
    if (r == null) {
      return null;
    }
    List<Header> headers = r.headers().stream().map(HttpMasking::header).toList();
    return new Response(
        r.version(),
        r.status(),
        r.reason(),
        headers,
        r.contentType(),
        r.contentLength(),
        r.contentEncoding(),
        r.bodyBytes(),
        r.bodyComplete(),
        r.bodyTruncated(),
        r.body());
  }

  private static Redirect redirect(Redirect r) {
    return r == null ? null : new Redirect(url(r.location()), url(r.to()), r.kind());
  }

  private static String url(String u) {
    return Secrets.maskText(u, Output.MASK);
  }
}
