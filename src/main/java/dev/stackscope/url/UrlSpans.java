package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Where each component sits in a URL's serialisation, for marking them underneath. */
public final class UrlSpans {
  /** A component's name and its [start, end) columns in {@link Marked#text}. */
  public record Span(String name, int start, int end) {}

  /** The serialised URL (password as shown) and its components' spans, in order. */
  public record Marked(String text, List<Span> spans) {}

  private UrlSpans() {}

  public static Marked of(WhatwgUrl url, UnaryOperator<String> secret) {
    StringBuilder b = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    add(b, spans, "scheme", url.scheme());
    b.append(':');
    if (url.hostRecord() != null) {
      b.append("//");
      if (url.includesCredentials()) {
        add(b, spans, "user", url.username());
        if (!url.password().isEmpty()) {
          b.append(':');
          add(b, spans, "password", secret.apply(url.password()));
        }
        b.append('@');
      }
      add(b, spans, "host", url.hostname());
      if (url.portNumber() >= 0) {
        b.append(':');
        add(b, spans, "port", url.port());
      }
    } else if (!url.hasOpaquePath() && url.pathname().startsWith("//")) {
      b.append("/.");
    }
    add(b, spans, "path", url.pathname());
    if (url.query() != null) {
      b.append('?');
      add(b, spans, "query", url.query());
    }
    if (url.fragment() != null) {
      b.append('#');
      add(b, spans, "fragment", url.fragment());
    }
    return new Marked(b.toString(), spans);
  }

  private static void add(StringBuilder b, List<Span> spans, String name, String value) {
    if (!value.isEmpty()) {
      spans.add(new Span(name, b.length(), b.length() + value.length()));
    }
    b.append(value);
  }
}
