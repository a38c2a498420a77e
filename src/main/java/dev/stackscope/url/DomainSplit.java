package dev.stackscope.url;

/**
 * A domain split by the Public Suffix List: {@code subdomain} (null when there is none), the
 * registrable domain (eTLD+1; null when the name is itself a public suffix), the public suffix, and
 * the list section it comes from (null for the default rule "*", i.e. a TLD not on the list).
 */
public record DomainSplit(
    String subdomain, String registrableDomain, String publicSuffix, SuffixSection section) {}
