package dev.stackscope.cli.stack;

import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.http.TrustOptions;
import dev.stackscope.host.Host;
import dev.stackscope.http.HttpProbe;
import dev.stackscope.http.TlsInspector;
import dev.stackscope.output.Output;
import dev.stackscope.stack.ExplainService;
import dev.stackscope.stack.ExplainerFromProcess;
import dev.stackscope.stack.Explanation;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.HttpExplainer;
import dev.stackscope.stack.HttpExplainer.HttpExplanation;
import dev.stackscope.stack.RoleClassifier;
import dev.stackscope.stack.RoleRules;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;

/**
 * The wiring of {@code explain --http}: the HTTP step after the connect step, and its exit code.
 */
final class ExplainHttp {
  private ExplainHttp() {}

  /**
   * 1 when the explanation failed, the request failed, or the status is 4xx/5xx. With {@code from}
   * ({@code --from PID}), the request is made from the process's network namespace, and {@code own}
   * (its namespace's view, null when it shares this host's) is sampled for the request path.
   */
  static ExitCode run(
      Output out,
      Explanation e,
      Duration timeout,
      Host host,
      TrustOptions options,
      ExplainerFromProcess from,
      ExplainerFromProcess.AddressView own)
      throws IOException, InterruptedException {
    TlsInspector trust = options.anchors();
    // the address comes from explain's own resolution (pinned); redirects are not followed, so
    // the probe never looks a name up
    HttpProbe probe =
        new HttpProbe(
            name -> {
              throw new UnknownHostException(name);
            },
            trust,
            Clock.systemUTC(),
            System::nanoTime);
    HttpExplainer explainer =
        new HttpExplainer(
            probe,
            own != null
                ? own.snapshot()
                : new HostSnapshot(host.processes(), host.sockets(), host.interfaces()),
            new RoleClassifier(RoleRules.builtIn()));
    if (from != null) {
      explainer.requestingWith(spec -> from.request(probe, spec));
    }
    HttpExplanation h = explainer.explain(e, timeout, options.insecure());
    boolean failed =
        ExplainService.failed(e)
            || h == null
            || h.http().failure() != null
            || h.http().response().status() >= 400;
    ExplainHttpView.show(out, e, h, from == null ? null : from.fromProcess());
    return failed ? ExitCode.FAILURE : ExitCode.OK;
  }
}
