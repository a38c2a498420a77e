package dev.stackscope.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.http.CacheVerdict.CacheHop;
import dev.stackscope.http.CacheVerdict.CacheResult;
import dev.stackscope.http.CacheVerdict.FreshnessSource;
import dev.stackscope.http.CacheVerdict.NotStorable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9111's rules and the caches' own fields, one case each. */
class CacheAnalysisTest {
  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  static final String DATE = "Sat, 05 Dec 2026 10:00:00 GMT";

  static Headers h(String... nameValue) {
    List<Header> out = new ArrayList<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      out.add(new Header(nameValue[i], nameValue[i + 1]));
    }
    return Headers.of(out);
  }

  static CacheVerdict get(int status, Headers response) {
    return CacheAnalysis.analyse("GET", h(), status, response, NOW);
  }

  @Test
  void sMaxAgeWinsOverMaxAgeWhichWinsOverExpires() {
    CacheVerdict v =
        get(
            200,
            h(
                "Date",
                DATE,
                "Cache-Control",
                "max-age=60, s-maxage=300",
                "Expires",
                "Sat, 05 Dec 2026 11:00:00 GMT"));
    assertEquals(300, v.freshnessSeconds());
    assertEquals(FreshnessSource.S_MAXAGE, v.freshnessSource());
    assertEquals(
        60,
        get(
                200,
                h(
                    "Date",
                    DATE,
                    "Cache-Control",
                    "max-age=60",
                    "Expires",
                    "Sat, 05 Dec 2026 11:00:00 GMT"))
            .freshnessSeconds());
    CacheVerdict e = get(200, h("Date", DATE, "Expires", "Sat, 05 Dec 2026 11:00:00 GMT"));
    assertEquals(3600, e.freshnessSeconds());
    assertEquals(FreshnessSource.EXPIRES, e.freshnessSource());
    // an invalid Expires means already expired
    assertEquals(0, get(200, h("Date", DATE, "Expires", "0")).freshnessSeconds());
  }

  @Test
  void heuristicFreshnessIsATenthOfTheTimeSinceLastModified() {
    CacheVerdict v = get(200, h("Date", DATE, "Last-Modified", "Fri, 04 Dec 2026 10:00:00 GMT"));
    assertEquals(8640, v.freshnessSeconds());
    assertEquals(FreshnessSource.HEURISTIC, v.freshnessSource());
    assertTrue(v.fresh());
    // not for a status that is not cacheable by default
    assertNull(
        get(302, h("Date", DATE, "Last-Modified", "Fri, 04 Dec 2026 10:00:00 GMT"))
            .freshnessSeconds());
  }

  @Test
  void whatSharedCachesMayNotStore() {
    assertEquals(
        List.of(NotStorable.NO_STORE),
        get(200, h("Cache-Control", "no-store")).notStorableBecause());
    assertEquals(
        List.of(NotStorable.PRIVATE),
        get(200, h("Cache-Control", "private, max-age=9")).notStorableBecause());
    assertEquals(List.of(NotStorable.STATUS), get(302, h()).notStorableBecause());
    assertTrue(
        get(302, h("Cache-Control", "max-age=5")).storable(),
        "explicit freshness makes 302 storable");
    assertEquals(
        List.of(NotStorable.METHOD),
        CacheAnalysis.analyse("POST", h(), 200, h(), NOW).notStorableBecause());
    // a request with Authorization: only with public, s-maxage or must-revalidate
    assertEquals(
        List.of(NotStorable.AUTHORIZATION),
        CacheAnalysis.analyse(
                "GET", h("Authorization", "Bearer x"), 200, h("Cache-Control", "max-age=5"), NOW)
            .notStorableBecause());
    assertTrue(
        CacheAnalysis.analyse(
                "GET",
                h("Authorization", "Bearer x"),
                200,
                h("Cache-Control", "public, max-age=5"),
                NOW)
            .storable());
    assertEquals(List.of(NotStorable.VARY_STAR), get(200, h("Vary", "*")).notStorableBecause());
  }

  @Test
  void ageIsTheLargerOfAgeAndTimeSinceDate() {
    assertEquals(
        30, get(200, h("Date", DATE, "Age", "30", "Cache-Control", "max-age=20")).ageSeconds());
    assertFalse(get(200, h("Date", DATE, "Age", "30", "Cache-Control", "max-age=20")).fresh());
    assertEquals(120, get(200, h("Date", "Sat, 05 Dec 2026 09:58:00 GMT")).ageSeconds());
    assertNull(get(200, h()).ageSeconds());
  }

  @Test
  void quotedDirectiveValuesAndCommasInsideThem() {
    CacheVerdict v = get(200, h("Cache-Control", "no-cache=\"Set-Cookie, X-A\", max-age=\"40\""));
    assertEquals(40, v.freshnessSeconds());
    assertTrue(v.mustRevalidate());
    assertFalse(v.fresh(), "no-cache: reuse needs revalidation");
  }

  @Test
  void whoServedItFromEachCachesFields() {
    assertEquals(
        List.of(
            new CacheHop("ReverseProxy", CacheResult.HIT, "Cache-Status"),
            new CacheHop("CDN", CacheResult.MISS, "Cache-Status"),
            new CacheHop("Edge", CacheResult.STALE, "Cache-Status")),
        CacheAnalysis.servedBy(
            h(
                "Cache-Status",
                "ReverseProxy; hit, CDN; fwd=uri-miss; stored",
                "Cache-Status",
                "Edge; fwd=stale"),
            null));
    assertEquals(
        List.of(new CacheHop("Varnish", CacheResult.HIT, "X-Varnish")),
        CacheAnalysis.servedBy(h("X-Varnish", "32770 3"), null));
    assertEquals(
        List.of(new CacheHop("Varnish", CacheResult.MISS, "X-Varnish")),
        CacheAnalysis.servedBy(h("X-Varnish", "32770"), null));
    assertEquals(
        List.of(new CacheHop("Cloudflare", CacheResult.HIT, "CF-Cache-Status")),
        CacheAnalysis.servedBy(h("CF-Cache-Status", "HIT"), null));
    assertEquals(
        List.of(
            new CacheHop("cache-fra1", CacheResult.MISS, "X-Cache"),
            new CacheHop("cache-lhr2", CacheResult.HIT, "X-Cache")),
        CacheAnalysis.servedBy(
            h("X-Served-By", "cache-fra1, cache-lhr2", "X-Cache", "MISS, HIT"), null));
    assertEquals(
        List.of(new CacheHop("CloudFront FRA56-P1", CacheResult.HIT, "X-Cache")),
        CacheAnalysis.servedBy(
            h("X-Cache", "Hit from cloudfront", "X-Amz-Cf-Pop", "FRA56-P1"), null));
    assertEquals(
        List.of(new CacheHop("proxy.example:3128", CacheResult.MISS, "X-Cache")),
        CacheAnalysis.servedBy(h("X-Cache", "MISS from proxy.example:3128"), null));
    // Squid names itself in Via beside the host its X-Cache gives
    assertEquals(
        List.of(new CacheHop("Squid edge1", CacheResult.HIT, "X-Cache")),
        CacheAnalysis.servedBy(
            h("X-Cache", "HIT from edge1", "Via", "1.0 lb, 1.1 edge1 (squid/5.7)"), null));
    assertEquals(CacheResult.HIT, CacheAnalysis.servedBy(h(), 42L).get(0).result());
    // a member that is only separators (a fuzzing finding: it threw ArrayIndexOutOfBounds)
    assertEquals(
        List.of(new CacheHop("", CacheResult.UNKNOWN, "Cache-Status")),
        CacheAnalysis.servedBy(h("Cache-Status", ";"), null));
    assertTrue(CacheAnalysis.servedBy(h(), 0L).isEmpty());
  }

  @Test
  void hsts() {
    assertEquals(
        new Hsts(63072000L, true, true),
        Hsts.parse("max-age=63072000; includeSubDomains; preload"));
    assertEquals(new Hsts(5L, false, false), Hsts.parse("max-age=\"5\""));
    assertNull(Hsts.parse("includeSubDomains"));
    assertNull(Hsts.parse(null));
  }
}
