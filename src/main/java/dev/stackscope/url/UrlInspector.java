package dev.stackscope.url;

import java.util.List;
import java.util.function.UnaryOperator;

/** Parses URLs and takes them apart ({@link UrlAnatomy}); the domain service of {@code url}. */
public final class UrlInspector {
  private final UrlParser parser = new UrlParser();
  private final WhatwgUrl base;
  private final UrlEditor editor;

  /** An inspector that parses against {@code base} (may be null) and applies {@code edit}. */
  public UrlInspector(WhatwgUrl base, UrlEdit edit) {
    this.base = base;
    this.editor = edit.isEmpty() ? null : new UrlEditor(edit);
  }

  public UrlInspector() {
    this(null, UrlEdit.NONE);
  }

  /** Parses {@code input} against {@code base} (may be null), collecting validation errors. */
  public Parsed parse(String input, WhatwgUrl base) throws InvalidUrlException {
    ValidationLog log = new ValidationLog();
    WhatwgUrl url = parser.parse(input, base, log);
    return new Parsed(input, url, log.names());
  }

  /** Parses {@code input}, collecting validation errors, and applies the edit. */
  public Parsed inspect(String input) throws InvalidUrlException, UrlEditor.EditFailedException {
    Parsed parsed = parse(input, base);
    return editor == null
        ? parsed
        : new Parsed(input, editor.apply(parsed.url()), parsed.validationErrors());
  }

  /** {@link #inspect} without the validation errors: the fast path of {@code --get}. */
  public WhatwgUrl url(String input) throws InvalidUrlException, UrlEditor.EditFailedException {
    WhatwgUrl url = parser.parse(input, base, ValidationLog.DISCARD);
    return editor == null ? url : editor.apply(url);
  }

  /** A parsed URL with the validation errors met while parsing it. */
  public record Parsed(String input, WhatwgUrl url, List<String> validationErrors) {}

  /**
   * The anatomy of a parsed URL; {@code secret} turns the password into what may be shown (the mask
   * unless the user asked to reveal it).
   */
  public static UrlAnatomy anatomy(Parsed parsed, UnaryOperator<String> secret) {
    WhatwgUrl url = parsed.url();
    Host host = url.hostRecord();
    DomainSplit split = split(url);
    Integer defaultPort = defaultPort(url.scheme());
    return new UrlAnatomy(
        Credentials.maskInInput(parsed.input(), secret),
        url.href(secret),
        url.origin(),
        url.protocol(),
        url.username(),
        url.password().isEmpty() ? "" : secret.apply(url.password()),
        url.host(),
        url.hostname(),
        url.port(),
        url.pathname(),
        url.search(),
        url.hash(),
        url.scheme(),
        host == null ? null : host.type(),
        split == null ? null : split.subdomain(),
        split == null ? null : split.registrableDomain(),
        split == null ? null : split.publicSuffix(),
        split == null ? null : split.section(),
        unicodeHostname(url),
        defaultPort,
        url.portNumber() >= 0 ? Integer.valueOf(url.portNumber()) : defaultPort,
        url.pathSegments(),
        FormUrlEncoded.parse(url.query()),
        parsed.validationErrors(),
        host == null ? null : Confusables.check(unicodeHostname(url)));
  }

  /** The scheme's default port from the scheme table, or null. */
  public static Integer defaultPort(String scheme) {
    return SchemeRegistry.defaultPort(scheme);
  }

  /** The effective port: the explicit one, else the scheme's default, else null. */
  public static Integer effectivePort(WhatwgUrl url) {
    return url.portNumber() >= 0 ? Integer.valueOf(url.portNumber()) : defaultPort(url.scheme());
  }

  /**
   * The Public Suffix split of the URL's host: for a domain, and for an opaque host (non-special
   * schemes such as postgres:) that reads as a domain name. Single-label hosts are not split.
   */
  public static DomainSplit split(WhatwgUrl url) {
    Host host = url.hostRecord();
    if (host == null) {
      return null;
    }
    String name = host.serialized();
    if (host.type() == HostType.OPAQUE) {
      if (name.indexOf('%') >= 0) {
        return null;
      }
      name = name.toLowerCase(java.util.Locale.ROOT);
    } else if (host.type() != HostType.DOMAIN) {
      return null;
    }
    if (name.indexOf('.') < 0) {
      return null;
    }
    return PublicSuffixes.split(name);
  }

  /** The host in Unicode (punycode labels decoded) for display, or the hostname itself. */
  public static String unicodeHostname(WhatwgUrl url) {
    Host host = url.hostRecord();
    if (host == null) {
      return null;
    }
    String name = host.serialized().toLowerCase(java.util.Locale.ROOT);
    boolean punycode = name.startsWith("xn--") || name.contains(".xn--");
    if (punycode && (host.type() == HostType.DOMAIN || host.type() == HostType.OPAQUE)) {
      return Idna.toUnicode(name);
    }
    return host.serialized();
  }
}
