package dev.stackscope.dns.check;

import java.util.List;

/**
 * A nameserver name and the addresses one side gives for it (glue at the parent, A/AAAA at the
 * child).
 */
public record NameServerEntry(String name, List<String> addresses) {}
