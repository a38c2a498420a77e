package dev.stackscope.dns.check;

import java.util.List;

/**
 * The zone's DNSSEC as seen: {@code signed} when the parent has DS records or a server publishes
 * DNSKEYs; the DS key tags at the parent, the DNSKEY key tags of the zone, the tags of the keys a
 * DS matches; the earliest RRSIG expiration seen ({@code expires}, ISO-8601 UTC) and the whole days
 * left until it ({@code daysLeft}, negative when past); how the zone denies names ({@code denial}).
 */
public record DnssecSummary(
    boolean signed,
    List<Integer> dsKeyTags,
    List<Integer> keyTags,
    List<Integer> matchedKeyTags,
    String expires,
    Long daysLeft,
    Denial denial) {

  /** The denial-of-existence records of a negative answer; JSON: the lowercase word. */
  public enum Denial {
    NSEC,
    NSEC3,
    NONE;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static DnssecSummary unsigned() {
    return new DnssecSummary(false, List.of(), List.of(), List.of(), null, null, null);
  }
}
