package dev.stackscope.stack;

import dev.stackscope.http.HttpProbe;
import dev.stackscope.http.HttpRequestSpec;
import dev.stackscope.http.HttpResult;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.ListenerStep;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.WhatwgUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code explain --http}: after the connect step, the request itself ({@link HttpProbe}, to the
 * address that connected, redirects not followed) and, when the listener is a component of the
 * stack, the hops it passes through on this host ({@link RequestPath}). The stack is sampled while
 * the request is under way and for at least {@link #MIN_SAMPLING}, so that the connections it (and
 * the other requests of the moment) open through the stack are seen.
 */
public final class HttpExplainer {
  /** How often the stack is sampled while the request runs. */
  static final Duration INTERVAL = Duration.ofMillis(50);

  /**
   * How long the stack is sampled at least: a hop whose connections live only while a request
   * passes (nginx to an upstream without keep-alive) is seen when some request is under way.
   */
  static final Duration MIN_SAMPLING = Duration.ofSeconds(1);

  private final StackSampler.Snapshot snapshot;
  private final RoleClassifier classifier;
  private Function<HttpRequestSpec, HttpResult> requests;

  public HttpExplainer(HttpProbe probe, StackSampler.Snapshot snapshot, RoleClassifier classifier) {
    this.snapshot = snapshot;
    this.classifier = classifier;
    this.requests = probe::run;
  }

  /**
   * Makes the request through {@code requests} rather than the probe here ({@code explain --from}:
   * from a process's network namespace).
   */
  public HttpExplainer requestingWith(Function<HttpRequestSpec, HttpResult> requests) {
    this.requests = requests;
    return this;
  }

  /**
   * What {@code explain --http} adds.
   *
   * @param http the request and its response (or the step that failed)
   * @param requestPath the hops on this host, the listener's component first; empty when the
   *     listener is not a component of the stack (or on another host)
   */
  public record HttpExplanation(HttpResult.Hop http, List<RequestPath.PathHop> requestPath) {}

  /** The URL asked for: the target when it is an http(s) URL, else http (https on 443). */
  static WhatwgUrl url(Explanation.Target t) {
    if (t.scheme() != null) {
      try {
        WhatwgUrl u = WhatwgUrl.parse(t.input());
        if (u.scheme().equals("http") || u.scheme().equals("https")) {
          return u;
        }
      } catch (InvalidUrlException e) {
        // not a URL after all: asked as http below
      }
    }
    String host = t.host().contains(":") ? "[" + t.host() + "]" : t.host();
    try {
      return WhatwgUrl.parse(
          (t.port() == 443 ? "https://" : "http://") + host + ":" + t.port() + "/");
    } catch (InvalidUrlException e) {
      throw new IllegalArgumentException("no URL for " + host + ": " + e.getMessage(), e);
    }
  }

  /** Null when the connect step did not connect (there is nothing to ask). */
  public HttpExplanation explain(Explanation e, Duration timeout)
      throws IOException, InterruptedException {
    return explain(e, timeout, false);
  }

  /** With {@code insecure}, a certificate that does not verify does not stop the request. */
  public HttpExplanation explain(Explanation e, Duration timeout, boolean insecure)
      throws IOException, InterruptedException {
    if (e.connect() == null || !e.connect().ok()) {
      return null;
    }
    WhatwgUrl url = url(e.target());
    InetAddress address = AddressParser.parse(e.connect().address()).toInetAddress();
    String bare = e.target().host().toLowerCase(Locale.ROOT);
    HttpRequestSpec spec =
        new HttpRequestSpec(
            url,
            "GET",
            List.of(),
            null,
            Map.of(bare + ":" + e.target().port(), address),
            0,
            false,
            timeout,
            0,
            insecure,
            HttpRequestSpec.Protocol.AUTO);
    ListenerStep listener = listenerOf(e);
    if (listener == null || listener.component() == null) {
      return new HttpExplanation(requests.apply(spec).last(), List.of());
    }
    long until = System.nanoTime() + MIN_SAMPLING.toNanos();
    CompletableFuture<HttpResult> request =
        CompletableFuture.supplyAsync(() -> requests.apply(spec));
    StackInputs merged = snapshot.take();
    while (!request.isDone() || System.nanoTime() < until) {
      Thread.sleep(INTERVAL.toMillis());
      merged = merged.merge(snapshot.take());
    }
    merged = merged.merge(snapshot.take());
    HttpResult result;
    try {
      result = request.get(1, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException x) {
      throw new IOException("the request failed: " + x.getMessage(), x);
    }
    StackMap map = new StackMapper(classifier, snapshot).map(merged).map();
    return new HttpExplanation(
        result.last(), RequestPath.follow(map, listener.pids(), e.target().port()));
  }

  private static ListenerStep listenerOf(Explanation e) {
    for (AddressStep a : e.addresses()) {
      if (a.address().equals(e.connect().address()) && a.listener() != null) {
        return a.listener();
      }
    }
    return null;
  }
}
