package dev.stackscope.ip;

/**
 * What a STUN server saw of this host ({@code nat --stun}).
 *
 * @param server the server asked
 * @param localAddress the local address and port the requests left from
 * @param mappedAddress the address the server saw (XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS)
 * @param mappedPort the port the server saw
 * @param behindNat whether the mapped address and port differ from the local ones
 * @param mappedVerdict the verdict of the mapped address (a non-global one: NAT in front of NAT)
 * @param otherAddress the server's OTHER-ADDRESS (RFC 5780), or null
 * @param responseOrigin the server's RESPONSE-ORIGIN, or null
 * @param mapping RFC 4787 mapping behaviour, or null when the server offers no OTHER-ADDRESS or a
 *     test failed
 * @param filtering RFC 4787 filtering behaviour, likewise
 * @param notes why mapping or filtering could not be decided
 * @param software the server's SOFTWARE attribute, or null
 */
public record StunReport(
    String server,
    String localAddress,
    String mappedAddress,
    int mappedPort,
    boolean behindNat,
    Verdict mappedVerdict,
    String otherAddress,
    String responseOrigin,
    NatBehaviour mapping,
    NatBehaviour filtering,
    java.util.List<StunNote> notes,
    String software) {}
