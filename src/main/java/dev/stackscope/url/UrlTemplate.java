package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@code --get} template like trurl's {@code -g}: text with {@code {component}} placeholders
 * ({@code {host}}, {@code {query:KEY}}, ...); {@code {{} and {@code }}} are literal braces. As in
 * trurl, {@code {query-all:KEY}} gives every value of KEY (space-separated), {@code {puny:host}}
 * and {@code {idn:host}} the host in ASCII (punycode) or Unicode, and {@code {must:COMPONENT}}
 * fails the URL when the component is empty. Compiled once, rendered per URL; the Public Suffix
 * List and the scheme table are consulted only when the template names a component that needs them.
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

  /** A placeholder: the component, its KEY (query:, query-all:), and its modifiers. */
  private record Field(String text, String name, String key, boolean must, boolean idn) {}

  /** A {@code {must:…}} component that is empty in a URL. */
  public static final class MissingComponentException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingComponentException(String placeholder) {
      super("{" + placeholder + "} is empty", null, false, false);
    }
  }

  private final List<String> literals = new ArrayList<>();
  private final List<Field> fields = new ArrayList<>();

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
        t.literals.add(literal.toString());
        literal.setLength(0);
        t.fields.add(field(template.substring(i + 1, close)));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    t.literals.add(literal.toString());
    return t;
  }

  private static Field field(String text) {
    String name = text;
    boolean must = name.startsWith("must:");
    if (must) {
      name = name.substring(5);
    }
    for (String keyed : List.of("query:", "query-all:")) {
      if (name.startsWith(keyed)) {
        return new Field(
            text,
            keyed.substring(0, keyed.length() - 1),
            name.substring(keyed.length()),
            must,
            false);
      }
    }
    boolean idn = name.startsWith("idn:");
    if (idn || name.startsWith("puny:")) {
      String host = name.substring(name.indexOf(':') + 1);
      if (!host.equals("host") && !host.equals("hostname")) {
        throw new IllegalArgumentException(
            "{" + text + "}: puny: and idn: apply to host and hostname");
      }
      return new Field(text, host, null, must, idn);
    }
    if (!COMPONENTS.contains(name)) {
      throw new IllegalArgumentException(
          "unknown component {"
              + text
              + "} (known: "
              + String.join(", ", sorted())
              + ", query:KEY, query-all:KEY, puny:host, idn:host, must:COMPONENT)");
    }
    return new Field(text, name, null, must, false);
  }

  private static List<String> sorted() {
    List<String> names = new ArrayList<>(COMPONENTS);
    names.sort(null);
    return names;
  }

  /**
   * Renders the template for {@code url}; {@code secret} decides how a password is shown.
   *
   * @throws MissingComponentException when a {@code {must:…}} component is empty
   */
  public String render(WhatwgUrl url, UnaryOperator<String> secret)
      throws MissingComponentException {
    if (fields.size() == 1 && literals.get(0).isEmpty() && literals.get(1).isEmpty()) {
      return value(fields.get(0), url, secret);
    }
    StringBuilder out = new StringBuilder(64);
    for (int i = 0; i < fields.size(); i++) {
      out.append(literals.get(i)).append(value(fields.get(i), url, secret));
    }
    return out.append(literals.get(fields.size())).toString();
  }

  private static String value(Field f, WhatwgUrl url, UnaryOperator<String> secret)
      throws MissingComponentException {
    String v = f.idn() ? idn(f.name(), url) : value(f.name(), f.key(), url, secret);
    if (f.must() && v.isEmpty()) {
      throw new MissingComponentException(f.text());
    }
    return v;
  }

  private static String idn(String name, WhatwgUrl url) {
    String unicode = orEmpty(UrlInspector.unicodeHostname(url));
    return name.equals("host") && url.portNumber() >= 0 ? unicode + ":" + url.port() : unicode;
  }

  private static String value(
      String name, String key, WhatwgUrl url, UnaryOperator<String> secret) {
    switch (name) {
      case "query":
        if (key != null) {
          String v = FormUrlEncoded.first(url.query(), key);
          return v == null ? "" : v;
        }
        return url.query() == null ? "" : url.query();
      case "query-all":
        StringBuilder all = new StringBuilder();
        for (FormUrlEncoded.Param p : FormUrlEncoded.parse(url.query())) {
          if (p.key().equals(key)) {
            all.append(all.length() > 0 ? " " : "").append(p.value());
          }
        }
        return all.toString();
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
