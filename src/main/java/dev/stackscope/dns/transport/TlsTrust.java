package dev.stackscope.dns.transport;

import dev.stackscope.http.TlsInspector;

/**
 * How an encrypted transport checks the server: the trust anchors (the JDK's, or --cacert's), the
 * name the certificate must carry (null: the server's address), and whether to go on when it does
 * not verify (--insecure; the verdict is still reported).
 */
public record TlsTrust(TlsInspector anchors, String serverName, boolean insecure) {}
