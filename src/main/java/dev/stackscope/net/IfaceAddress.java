package dev.stackscope.net;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.ip.Verdict;

/**
 * One address of an interface: the address (without a zone: the interface is its zone), its prefix
 * length and its class ({@code ip}'s verdict).
 */
public record IfaceAddress(IpAddress address, int prefixLength, Verdict scope) {}
