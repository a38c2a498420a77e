package dev.stackscope.net;

/** One address of an interface: the address as text, its prefix length and its class. */
public record IfaceAddress(String address, int prefixLength, AddressScope scope) {}
