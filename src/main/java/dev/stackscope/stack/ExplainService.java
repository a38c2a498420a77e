package dev.stackscope.stack;

import dev.stackscope.ip.AddressParser;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.ConnectStep;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code explain}'s domain service: follows the request's path ({@link Explainer}) and, when asked,
 * connects to the addresses found ({@link TcpConnect}). Returns records; never prints.
 */
public final class ExplainService {
  private final Explainer explainer;
  private final TcpConnect.Connector connector;

  public ExplainService(Explainer explainer, TcpConnect.Connector connector) {
    this.explainer = explainer;
    this.connector = connector;
  }

  /**
   * The explanation of the request's target; with {@code connect}, its connect step too (none when
   * the name did not resolve). Throws {@link dev.stackscope.dns.DnsInputException} for a host that
   * is no valid DNS name.
   */
  public Explanation explain(ExplainRequest request) throws IOException, InterruptedException {
    Explanation e = explainer.explain(request.target());
    if (!request.connect() || e.addresses().isEmpty()) {
      return e;
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (AddressStep a : e.addresses()) {
      addresses.add(AddressParser.parse(a.address()).toInetAddress());
    }
    ConnectStep c =
        TcpConnect.connect(addresses, request.target().port(), request.connectTimeout(), connector);
    return new Explanation(e.target(), e.resolution(), e.addresses(), c);
  }

  /** Whether the explanation is a failure: the name did not resolve, or no connection was made. */
  public static boolean failed(Explanation e) {
    return e.addresses().isEmpty() || (e.connect() != null && !e.connect().ok());
  }
}
