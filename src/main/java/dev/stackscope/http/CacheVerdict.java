package dev.stackscope.http;

import java.util.List;

/**
 * What RFC 9111 says about one response, and which caches on the path served it.
 *
 * @param storable whether a shared cache may store it
 * @param notStorableBecause why not (empty when storable)
 * @param freshnessSeconds the freshness lifetime for a shared cache, null when none
 * @param freshnessSource where the lifetime comes from
 * @param ageSeconds the response's current age (Age, or the time since Date when larger)
 * @param fresh whether it is still fresh for a shared cache
 * @param mustRevalidate no-cache or must-revalidate / proxy-revalidate: checked with the origin
 * @param etag the ETag validator, or null
 * @param lastModified the Last-Modified validator, or null
 * @param vary the request fields the response varies on
 * @param servedBy each cache on the path that said what it did, nearest the client last
 * @param via the intermediaries named in Via, in order
 */
public record CacheVerdict(
    boolean storable,
    List<NotStorable> notStorableBecause,
    Long freshnessSeconds,
    FreshnessSource freshnessSource,
    Long ageSeconds,
    boolean fresh,
    boolean mustRevalidate,
    String etag,
    String lastModified,
    List<String> vary,
    List<CacheHop> servedBy,
    List<String> via) {

  /** Why a shared cache may not store a response. */
  public enum NotStorable {
    NO_STORE("no-store"),
    PRIVATE("private"),
    AUTHORIZATION("authorization"),
    METHOD("method"),
    STATUS("status"),
    VARY_STAR("vary-star");

    private final String word;

    NotStorable(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /** Where the freshness lifetime comes from (RFC 9111 §4.2.1). */
  public enum FreshnessSource {
    S_MAXAGE("s-maxage"),
    MAX_AGE("max-age"),
    EXPIRES("expires"),
    HEURISTIC("heuristic"),
    NONE("none");

    private final String word;

    FreshnessSource(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /** What one cache did, and the field that says so. */
  public record CacheHop(String cache, CacheResult result, String evidence) {}

  /** A cache's verdict on one request. */
  public enum CacheResult {
    HIT("hit"),
    MISS("miss"),
    STALE("stale"),
    BYPASS("bypass"),
    UNKNOWN("unknown");

    private final String word;

    CacheResult(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }
}
