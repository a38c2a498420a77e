package dev.stackscope.dns.transport;

import dev.stackscope.http.TlsInspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trust anchors of a --cacert file, kept for the warm server's later runs that bring the same
 * text: building them (certificate parsing, a key store, a trust manager factory) took ~1-3 ms of
 * each encrypted run. Keyed on the SHA-256 of the text, not on the file: every run still reads the
 * file itself, with its own rights, so a file it may not read, or one that changed, is never served
 * from here. The anchors are immutable once built and shared safely between concurrent runs.
 */
public final class PemAnchors {
  /** The most texts kept (a few CA files in use at once), the least recently used dropped. */
  static final int KEPT = 8;

  private static final Map<String, TlsInspector> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TlsInspector> eldest) {
          return size() > KEPT;
        }
      };

  private PemAnchors() {}

  /** Trusts only the PEM certificates in {@code pem}, as {@link TlsInspector#trusting} does. */
  public static TlsInspector trusting(String pem) throws GeneralSecurityException, IOException {
    byte[] bytes = pem.getBytes(StandardCharsets.UTF_8);
    String key =
        java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    synchronized (CACHE) {
      TlsInspector kept = CACHE.get(key);
      if (kept != null) {
        return kept;
      }
    }
    TlsInspector built = TlsInspector.trusting(new ByteArrayInputStream(bytes));
    synchronized (CACHE) {
      CACHE.put(key, built);
    }
    return built;
  }
}
