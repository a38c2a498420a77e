package dev.stackscope.url;

import java.util.List;

/**
 * A URL taken apart: the URL Standard's fields as the JavaScript {@code URL} API names them (href,
 * origin, protocol, username, password, host, hostname, port, pathname, search, hash), and what
 * stackscope adds: the scheme, the host's type, its Public Suffix split and Unicode form, the
 * scheme's default and the effective port, the path's segments, the decoded query parameters and
 * the validation errors the parser met on the way, and whether the host can pass for another (UTS
 * #39; null for an ASCII host).
 */
public record UrlAnatomy(
    String input,
    String href,
    String origin,
    String protocol,
    String username,
    String password,
    String host,
    String hostname,
    String port,
    String pathname,
    String search,
    String hash,
    String scheme,
    HostType hostType,
    String subdomain,
    String registrableDomain,
    String publicSuffix,
    SuffixSection publicSuffixSection,
    String unicodeHostname,
    Integer defaultPort,
    Integer effectivePort,
    List<String> pathSegments,
    List<FormUrlEncoded.Param> queryParams,
    List<String> validationErrors,
    Confusables.Verdict confusable) {}
