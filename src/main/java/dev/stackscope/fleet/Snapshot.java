package dev.stackscope.fleet;

import dev.stackscope.stack.StackMap;

/**
 * One host's snapshot as read back: where it came from, the host's facts and its stack map.
 *
 * @param source the file it was read from ({@code -} for standard input), for messages
 * @param host the host's name, machine-id, addresses, time and version
 * @param map the host's components, edges and external endpoints; addresses in RFC 5952 text
 */
public record Snapshot(String source, HostFacts host, StackMap map) {}
