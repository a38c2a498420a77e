package dev.stackscope.ip;

/**
 * What one address is.
 *
 * @param address the address
 * @param block the most specific special-purpose block containing it, or null
 * @param verdict the overall verdict (embedded IPv4 taken into account, see {@link
 *     AddressClassifier})
 * @param embedded the embedded IPv4 address, or null
 * @param multicastScope the multicast scope (link-local, site-local, organization-local, global,
 *     ...) or null
 */
public record Classification(
    IpAddress address,
    RegistryEntry block,
    Verdict verdict,
    EmbeddedIpv4 embedded,
    String multicastScope) {}
