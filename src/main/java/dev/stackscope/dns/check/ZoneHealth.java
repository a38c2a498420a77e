package dev.stackscope.dns.check;

import java.util.List;

/**
 * The result of {@code dns check ZONE}: the zone and its parent, the parent servers asked, the
 * delegation at the parent (NS names with glue) and the zone's own NS set (names with their A/AAAA
 * in the zone, or as resolved when outside it), a report per server address, the DNSSEC summary,
 * the findings (worst first) and how the check ended ({@code verdict}), with the number of queries
 * sent.
 */
public record ZoneHealth(
    String zone,
    String parent,
    List<String> parentServers,
    List<NameServerEntry> delegation,
    List<NameServerEntry> zoneNs,
    List<ServerReport> servers,
    DnssecSummary dnssec,
    List<Finding> findings,
    Verdict verdict,
    int queries) {

  /** How the check ended; JSON: the lowercase word. */
  public enum Verdict {
    /** No error (warnings and notices may remain). */
    OK,
    /** At least one error finding other than a server that could not be asked. */
    ERRORS,
    /** No other error, but some servers could not be asked. */
    PARTIAL;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Verdict of(List<Finding> findings) {
      boolean partial = false;
      for (Finding f : findings) {
        if (f.severity() == Severity.ERROR) {
          if (!f.code().partial()) {
            return ERRORS;
          }
          partial = true;
        }
      }
      return partial ? PARTIAL : OK;
    }
  }
}
