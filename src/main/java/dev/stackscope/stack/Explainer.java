package dev.stackscope.stack;

import dev.stackscope.ip.AddressClassifier;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.RouteLookup;
import dev.stackscope.ip.Verdict;
import dev.stackscope.net.PortNumber;
import dev.stackscope.net.Reach;
import dev.stackscope.stack.Explanation.AddressStep;
import dev.stackscope.stack.Explanation.ListenerStep;
import dev.stackscope.stack.Explanation.PortSource;
import dev.stackscope.stack.Explanation.Resolution;
import dev.stackscope.stack.Explanation.Target;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.url.InvalidUrlException;
import dev.stackscope.url.SchemeRegistry;
import dev.stackscope.url.WhatwgUrl;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks a request's path: target anatomy → resolution → address class → listener or route. */
public final class Explainer {
  /** Turns a name into addresses ({@link HostLookup} in production). */
  @FunctionalInterface
  public interface Resolver {
    Resolution resolve(String name);
  }

  private final Resolver resolver;
  private final StackSampler.Snapshot host;
  private final RoleClassifier classifier;
  private final Function<IpAddress, RouteLookup.Route> routes;

  /**
   * @param routes the route a packet to an address takes ({@link RouteLookup#route}), or null when
   *     there is none
   */
  public Explainer(
      Resolver resolver,
      StackSampler.Snapshot host,
      RoleClassifier classifier,
      Function<IpAddress, RouteLookup.Route> routes) {
    this.resolver = resolver;
    this.host = host;
    this.classifier = classifier;
    this.routes = routes;
  }

  /** A URL, {@code host:port}, {@code [v6]:port} or a bare host; throws naming the problem. */
  public static Target parseTarget(String input) {
    String s = input.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty target");
    }
    if (s.contains("://")) {
      WhatwgUrl url;
      try {
        url = WhatwgUrl.parse(s);
      } catch (InvalidUrlException e) {
        throw new IllegalArgumentException("not a valid URL: " + e.getMessage(), e);
      }
      String h = url.hostname();
      if (h == null || h.isEmpty()) {
        throw new IllegalArgumentException("the URL has no host");
      }
      h = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
      String scheme = url.scheme();
      Integer def = SchemeRegistry.defaultPort(scheme);
      if (url.portNumber() >= 0) {
        return new Target(input, scheme, h, url.portNumber(), def, PortSource.EXPLICIT);
      }
      if (def == null) {
        throw new IllegalArgumentException(
            "no port given and scheme '" + scheme + "' has no default port");
      }
      return new Target(input, scheme, h, def, def, PortSource.SCHEME_DEFAULT);
    }
    String h = s;
    Integer port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in '" + s + "'");
      }
      h = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        port = port(rest.startsWith(":") ? rest.substring(1) : rest);
      }
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      h = s.substring(0, s.indexOf(':'));
      port = port(s.substring(s.indexOf(':') + 1));
    }
    if (!h.matches("[A-Za-z0-9._:%-]+") || h.startsWith("-") || h.startsWith(".")) {
      throw new IllegalArgumentException("not a host name or address: '" + h + "'");
    }
    if (isLiteral(h)) {
      AddressParser.parse(h); // an address literal must be a valid one ("octet 300 is over 255")
    }
    return port == null
        ? new Target(input, null, h, 80, null, PortSource.ASSUMED_HTTP)
        : new Target(input, null, h, port, null, PortSource.EXPLICIT);
  }

  private static int port(String text) {
    int port = PortNumber.parse(text);
    if (port < 0) {
      throw new IllegalArgumentException("not a port (1-65535): '" + text + "'");
    }
    return port;
  }

  /**
   * Resolves the target and follows each address; a name that does not resolve gives an explanation
   * without addresses, its resolution saying why.
   */
  public Explanation explain(Target t) throws IOException, InterruptedException {
    List<IpAddress> addrs = new ArrayList<>();
    Resolution resolution;
    if (isLiteral(t.host())) {
      IpAddress literal = AddressParser.parse(t.host());
      addrs.add(literal);
      resolution = Resolution.literal(literal.toString());
    } else {
      resolution = resolver.resolve(t.host());
      resolution.addresses().forEach(a -> addrs.add(AddressParser.parse(a)));
    }
    if (addrs.isEmpty()) {
      return new Explanation(t, resolution, List.of(), null);
    }
    StackInputs in = host.take();
    StackMap map = new StackMapper(classifier, host).map(in).map();
    List<AddressStep> steps = new ArrayList<>();
    AddressClassifier classifier = AddressClassifier.standard();
    for (IpAddress raw : addrs) {
      IpAddress a = raw.unmapped();
      Verdict verdict = classifier.verdict(a);
      boolean local = Addresses.isLocal(a, in.localAddresses());
      ListenerStep listener = local ? listener(in, map, a.withoutZone(), t.port()) : null;
      RouteLookup.Route route = local ? null : routes.apply(a);
      steps.add(
          new AddressStep(
              a.toString(),
              verdict,
              verdict.meaning(),
              local,
              listener,
              route == null || route.onLink() ? null : route.gateway().toString(),
              route == null ? null : route.interfaceName(),
              route != null && route.onLink()));
    }
    return new Explanation(t, resolution, steps, null);
  }

  private ListenerStep listener(StackInputs in, StackMap map, IpAddress a, int port) {
    for (StackSocket s : in.sockets()) {
      if (s.state() != StackSocket.State.LISTEN || s.localPort() != port) {
        continue;
      }
      // a wildcard listener takes its own family; an IPv6 one (not v6-only) takes IPv4 too
      if (!IpAddress.of(s.localAddress()).withoutZone().equals(a)
          && !(s.localAddress().isAnyLocalAddress()
              && (s.localAddress() instanceof Inet6Address || a.version() == 4))) {
        continue;
      }
      Component owner = null;
      for (Component c : map.components()) {
        if (s.pids().stream().anyMatch(c.pids()::contains)) {
          owner = c;
        }
      }
      StackProcess p =
          in.processes().stream().filter(x -> s.pids().contains(x.pid())).findFirst().orElse(null);
      String program = owner != null ? owner.program() : p != null ? classifier.programOf(p) : null;
      return new ListenerStep(
          program,
          s.pids(),
          owner != null ? owner.user() : p != null ? host.user(p) : null,
          owner != null ? owner.role().id() : null,
          owner != null ? owner.id() : null,
          owner != null ? owner.replication() : null,
          IpAddress.text(s.localAddress()),
          port,
          Reach.of(s.localAddress()),
          host instanceof NetnsStackSnapshot n ? n.publishedAt(s.localAddress(), port) : null);
    }
    return null;
  }

  /** Whether the host is written as an address (digits and dots, or any colon), not a name. */
  public static boolean isLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  /** The canonical text of an address ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
  static String text(InetAddress a) {
    return IpAddress.of(a).unmapped().toString();
  }
}
