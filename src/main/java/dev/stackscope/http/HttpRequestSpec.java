package dev.stackscope.http;

import dev.stackscope.url.WhatwgUrl;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to ask: the first request and how to follow it.
 *
 * @param url an http or https URL
 * @param method GET, HEAD, POST, …
 * @param headers extra request fields, sent after the defaults they replace
 * @param body the request content, or null
 * @param resolve addresses to use instead of a lookup, keyed {@code host:port} (curl's --resolve)
 * @param maxRedirects how many redirects to follow at most
 * @param follow whether to follow redirects at all
 * @param timeout for each request: connect, handshake and every read
 * @param keepBody how many bytes of the final body to keep (0: none)
 * @param insecure continue over TLS when the certificate does not verify
 * @param protocol which HTTP version to speak
 */
public record HttpRequestSpec(
    WhatwgUrl url,
    String method,
    List<Header> headers,
    byte[] body,
    Map<String, InetAddress> resolve,
    int maxRedirects,
    boolean follow,
    Duration timeout,
    int keepBody,
    boolean insecure,
    Protocol protocol) {
  public HttpRequestSpec {
    headers = List.copyOf(headers);
    resolve = Map.copyOf(resolve);
  }

  /** Which HTTP version to speak. */
  public enum Protocol {
    /** As curl: offer h2 and http/1.1 over TLS (ALPN); HTTP/1.1 over plain TCP. */
    AUTO,
    /** HTTP/1.1 only (curl's --http1.1). */
    HTTP1_1,
    /** As AUTO over TLS; over plain TCP, HTTP/2 with prior knowledge (h2c). */
    HTTP2
  }
}
