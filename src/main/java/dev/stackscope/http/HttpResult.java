package dev.stackscope.http;

import java.util.List;

/**
 * The outcome of {@code http URL}: every request made (one per redirect hop) and how it ended.
 *
 * @param hops each request in order; the last is the final one
 * @param outcome how the whole run ended
 */
public record HttpResult(List<Hop> hops, Outcome outcome) {
  public HttpResult {
    hops = List.copyOf(hops);
  }

  public Hop last() {
    return hops.get(hops.size() - 1);
  }

  /** How a run ended. */
  public enum Outcome {
    /** A final response with a 1xx–3xx status. */
    OK("ok"),
    /** A final response with a 4xx or 5xx status. */
    HTTP_ERROR("http-error"),
    /** A step failed (see the last hop's failure). */
    FAILED("failed"),
    /** A redirect led back to a URL already asked for. */
    REDIRECT_LOOP("redirect-loop"),
    /** More redirects than allowed. */
    TOO_MANY_REDIRECTS("too-many-redirects");

    private final String word;

    Outcome(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /**
   * One request and what came back.
   *
   * @param url the URL asked for (its password masked by the caller's choice when shown)
   * @param method the method used
   * @param address the address connected to, {@code host:port} text, or null before connecting
   * @param timing the phases in milliseconds
   * @param tls the TLS endpoint, or null over plain HTTP or before the handshake
   * @param hsts the HSTS policy of an HTTPS response, or null
   * @param response the response, or null when none came
   * @param cache the caching verdict, or null without a response
   * @param redirect where a redirect leads and why, or null
   * @param failure the step that failed, or null
   */
  public record Hop(
      String url,
      String method,
      String address,
      Timing timing,
      TlsEndpoint tls,
      Hsts hsts,
      Response response,
      CacheVerdict cache,
      Redirect redirect,
      Failure failure) {
    public Hop withFailure(Failure f) {
      return new Hop(url, method, address, timing, tls, hsts, response, cache, redirect, f);
    }

    public Hop withRedirect(Redirect r) {
      return new Hop(url, method, address, timing, tls, hsts, response, cache, r, failure);
    }
  }

  /**
   * The phases, each in milliseconds (null when the phase did not happen): DNS lookup, TCP connect,
   * TLS handshake, request sent, waiting for the first byte (server processing), content transfer;
   * and the total.
   */
  public record Timing(
      Double dnsMs,
      Double connectMs,
      Double tlsMs,
      Double sendMs,
      Double waitMs,
      Double transferMs,
      double totalMs) {}

  /**
   * The response.
   *
   * @param version "1.1"
   * @param status the status code
   * @param reason the reason phrase
   * @param headers every field, values masked where secret unless revealed (by the caller)
   * @param contentType Content-Type, or null
   * @param contentLength Content-Length as declared, or null
   * @param contentEncoding Content-Encoding, or null
   * @param bodyBytes bytes of content received
   * @param bodyComplete whether the body arrived whole
   * @param bodyTruncated whether reading stopped at the size limit
   * @param body the first bytes of the body as text when asked for, or null
   */
  public record Response(
      String version,
      int status,
      String reason,
      List<Header> headers,
      String contentType,
      Long contentLength,
      String contentEncoding,
      long bodyBytes,
      boolean bodyComplete,
      boolean bodyTruncated,
      String body) {}

  /** Where a redirect leads and the reason in words. */
  public record Redirect(String location, String to, RedirectKind kind) {}

  /** What a redirect changes. */
  public enum RedirectKind {
    HTTPS_UPGRADE("http → https"),
    HTTP_DOWNGRADE("https → http"),
    ADD_WWW("apex → www"),
    REMOVE_WWW("www → apex"),
    TRAILING_SLASH("trailing slash"),
    OTHER_HOST("other host"),
    SAME_HOST("same host, other path"),
    SAME_URL("same URL");

    private final String words;

    RedirectKind(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }

  /** The step that failed and what happened. */
  public record Failure(Step step, String message, TlsEndpoint.TlsProblem tlsProblem) {}

  /** The steps of one request. */
  public enum Step {
    DNS("dns"),
    CONNECT("connect"),
    TLS("tls"),
    SEND("send"),
    TIMEOUT("timeout"),
    PROTOCOL("protocol"),
    REDIRECT("redirect");

    private final String word;

    Step(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }
}
