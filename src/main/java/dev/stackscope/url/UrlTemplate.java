package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@code --get} template like trurl's {@code -g}: text with {@code {component}} placeholders
 * ({@code {host}}, {@code {query:KEY}}, ...); {@code {{} and {@code }}} are literal braces.
 * Compiled once, rendered per URL; the Public Suffix List and the scheme table are consulted only
 * when the template names a component that needs them.
 */
public final class UrlTemplate {
  /** The component names a template may use. */
  public static final Set<String> COMPONENTS =
      Set.of(
          "scheme",
          "user",
          "password",
          "host",
          "hostname",
          "port",
          "effectivePort",
          "path",
          "query",
          "fragment",
          "subdomain",
          "registrableDomain",
          "publicSuffix",
          "href",
          "origin",
          "defaultPort",
          "hostType",
          "unicodeHostname",
          "search",
          "hash");

  private final List<String> literals = new ArrayList<>();
  private final List<String> fields = new ArrayList<>();

  private UrlTemplate() {}

  /** Compiles {@code template}; throws IllegalArgumentException naming an unknown component. */
  public static UrlTemplate compile(String template) {
    UrlTemplate t = new UrlTemplate();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{' && template.startsWith("{{", i)) {
        literal.append('{');
        i += 2;
      } else if (c == '}' && template.startsWith("}}", i)) {
        literal.append('}');
        i += 2;
      } else if (c == '{') {
        int close = template.indexOf('}', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '{' in template at column " + (i + 1));
        }
        String name = template.substring(i + 1, close);
        if (!name.startsWith("query:") && !COMPONENTS.contains(name)) {
          throw new IllegalArgumentException(
              "unknown component {"
                  + name
                  + "} (known: "
                  + String.join(", ", sorted())
                  + ", query:KEY)");
        }
        t.literals.add(literal.toString());
        literal.setLength(0);
        t.fields.add(name);
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    t.literals.add(literal.toString());
    return t;
  }

  private static List<String> sorted() {
    List<String> names = new ArrayList<>(COMPONENTS);
    names.sort(null);
    return names;
  }

  /** Renders the template for {@code url}; {@code secret} decides how a password is shown. */
  public String render(WhatwgUrl url, UnaryOperator<String> secret) {
    if (fields.size() == 1 && literals.get(0).isEmpty() && literals.get(1).isEmpty()) {
      return value(fields.get(0), url, secret);
    }
    StringBuilder out = new StringBuilder(64);
    for (int i = 0; i < fields.size(); i++) {
      out.append(literals.get(i)).append(value(fields.get(i), url, secret));
    }
    return out.append(literals.get(fields.size())).toString();
  }

  private static String value(String name, WhatwgUrl url, UnaryOperator<String> secret) {
    if (name.startsWith("query:")) {
      String v = FormUrlEncoded.first(url.query(), name.substring(6));
      return v == null ? "" : v;
    }
    switch (name) {
      case "scheme":
        return url.scheme();
      case "user":
        return url.username();
      case "password":
        return url.password().isEmpty() ? "" : secret.apply(url.password());
      case "host":
        return url.host();
      case "hostname":
        return url.hostname();
      case "port":
        return url.port();
      case "path":
        return url.pathname();
      case "query":
        return url.query() == null ? "" : url.query();
      case "fragment":
        return url.fragment() == null ? "" : url.fragment();
      case "search":
        return url.search();
      case "hash":
        return url.hash();
      case "href":
        return url.href(secret);
      case "origin":
        return url.origin();
      case "hostType":
        return url.hostRecord() == null ? "" : url.hostRecord().type().toString();
      case "unicodeHostname":
        return orEmpty(UrlInspector.unicodeHostname(url));
      case "defaultPort":
        return orEmpty(UrlInspector.defaultPort(url.scheme()));
      case "effectivePort":
        return orEmpty(UrlInspector.effectivePort(url));
      default:
        DomainSplit split = UrlInspector.split(url);
        if (split == null) {
          return "";
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
          case "subdomain" -> orEmpty(split.subdomain());
          case "registrabledomain" -> orEmpty(split.registrableDomain());
          default -> orEmpty(split.publicSuffix());
        };
    }
  }

  private static String orEmpty(Object o) {
    return o == null ? "" : o.toString();
  }
}
