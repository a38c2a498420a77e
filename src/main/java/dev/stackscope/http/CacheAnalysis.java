package dev.stackscope.http;

import dev.stackscope.http.CacheVerdict.CacheHop;
import dev.stackscope.http.CacheVerdict.CacheResult;
import dev.stackscope.http.CacheVerdict.FreshnessSource;
import dev.stackscope.http.CacheVerdict.NotStorable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The caching verdict of RFC 9111 for a shared cache, and who served a response: {@code
 * Cache-Status} (RFC 9211), {@code X-Cache} (Squid, CloudFront, Fastly with {@code X-Served-By}),
 * {@code X-Varnish}, {@code CF-Cache-Status}, {@code Age} and {@code Via}.
 */
public final class CacheAnalysis {
  /** Statuses heuristically cacheable (RFC 9110 §15.1). */
  static final Set<Integer> CACHEABLE_BY_DEFAULT =
      Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

  static final int MAX_HOPS = 32;

  private CacheAnalysis() {}

  public static CacheVerdict analyse(
      String method, Headers request, int status, Headers response, Instant receivedAt) {
    Directives cc = Directives.parse(response.all("Cache-Control"), ',');
    Directives requestCc = Directives.parse(request.all("Cache-Control"), ',');
    List<String> vary = response.list("Vary");
    List<NotStorable> why = new ArrayList<>();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      why.add(NotStorable.METHOD);
    }
    if (cc.has("no-store") || requestCc.has("no-store")) {
      why.add(NotStorable.NO_STORE);
    }
    if (cc.has("private")) {
      why.add(NotStorable.PRIVATE);
    }
    if (request.has("Authorization")
        && !(cc.has("must-revalidate") || cc.has("public") || cc.has("s-maxage"))) {
      why.add(NotStorable.AUTHORIZATION);
    }
    boolean explicit =
        cc.has("public") || cc.has("max-age") || cc.has("s-maxage") || response.has("Expires");
    if (status < 200 || status == 206 || (!explicit && !CACHEABLE_BY_DEFAULT.contains(status))) {
      why.add(NotStorable.STATUS);
    }
    if (vary.contains("*")) {
      why.add(NotStorable.VARY_STAR);
    }

    Instant date = httpDate(response.first("Date"));
    Instant dateOrNow = date == null ? receivedAt : date;
    Long lifetime = null;
    FreshnessSource source = FreshnessSource.NONE;
    if (cc.seconds("s-maxage") != null) {
      lifetime = cc.seconds("s-maxage");
      source = FreshnessSource.S_MAXAGE;
    } else if (cc.seconds("max-age") != null) {
      lifetime = cc.seconds("max-age");
      source = FreshnessSource.MAX_AGE;
    } else if (response.has("Expires")) {
      Instant expires = httpDate(response.first("Expires"));
      // an invalid Expires (e.g. "0") means already expired (RFC 9111 §5.3)
      lifetime =
          expires == null ? 0 : Math.max(0, Duration.between(dateOrNow, expires).toSeconds());
      source = FreshnessSource.EXPIRES;
    } else {
      Instant lastModified = httpDate(response.first("Last-Modified"));
      if (lastModified != null && CACHEABLE_BY_DEFAULT.contains(status)) {
        long since = Duration.between(lastModified, dateOrNow).toSeconds();
        lifetime = Math.max(0, since / 10);
        source = FreshnessSource.HEURISTIC;
      }
    }
    Long age = null;
    Long ageHeader = Directives.parse(List.of("a=" + nz(response.first("Age"))), ',').seconds("a");
    long apparent = date == null ? 0 : Math.max(0, Duration.between(date, receivedAt).toSeconds());
    if (ageHeader != null || date != null) {
      age = Math.max(ageHeader == null ? 0 : ageHeader, apparent);
    }
    boolean fresh =
        why.isEmpty()
            && lifetime != null
            && lifetime > (age == null ? 0 : age)
            && !cc.has("no-cache");
    boolean revalidate =
        cc.has("no-cache") || cc.has("must-revalidate") || cc.has("proxy-revalidate");
    return new CacheVerdict(
        why.isEmpty(),
        List.copyOf(why),
        lifetime,
        source,
        age,
        fresh,
        revalidate,
        response.first("ETag"),
        response.first("Last-Modified"),
        List.copyOf(vary),
        servedBy(response, ageHeader),
        via(response));
  }

  /** Each cache that said what it did, from the fields that caches and CDNs add. */
  static List<CacheHop> servedBy(Headers h, Long age) {
    List<CacheHop> hops = new ArrayList<>();
    for (String member : h.list("Cache-Status")) {
      if (hops.size() >= MAX_HOPS) {
        break;
      }
      String[] parts = member.split(";", -1); // -1: ";" alone still has a (blank) name
      String name = Directives.unquote(parts[0].strip());
      Directives params =
          Directives.parse(
              List.of(member.substring(Math.min(member.length(), parts[0].length()))), ';');
      CacheResult r;
      if (params.has("hit")) {
        r = CacheResult.HIT;
      } else if ("stale".equals(params.values().get("fwd"))) {
        r = CacheResult.STALE;
      } else if ("bypass".equals(params.values().get("fwd"))) {
        r = CacheResult.BYPASS;
      } else if (params.has("fwd")) {
        r = CacheResult.MISS;
      } else {
        r = CacheResult.UNKNOWN;
      }
      hops.add(new CacheHop(name, r, "Cache-Status"));
    }
    String cf = h.first("CF-Cache-Status");
    if (cf != null) {
      hops.add(new CacheHop("Cloudflare", result(cf), "CF-Cache-Status"));
    }
    String varnish = h.first("X-Varnish");
    if (varnish != null) {
      String[] ids = varnish.strip().split("\\s+");
      hops.add(
          new CacheHop(
              "Varnish", ids.length >= 2 ? CacheResult.HIT : CacheResult.MISS, "X-Varnish"));
    }
    List<String> xcache = h.list("X-Cache");
    List<String> servedBy = h.list("X-Served-By");
    String pop = h.first("X-Amz-Cf-Pop");
    for (int i = 0; i < xcache.size() && hops.size() < MAX_HOPS; i++) {
      String v = xcache.get(i);
      String lower = v.toLowerCase(Locale.ROOT);
      String name;
      int from = lower.indexOf(" from ");
      if (lower.contains("cloudfront")) {
        name = pop == null ? "CloudFront" : "CloudFront " + pop;
      } else if (servedBy.size() == xcache.size()) {
        name = servedBy.get(i); // Fastly: one X-Served-By entry per X-Cache entry
      } else if (from >= 0) {
        name = v.substring(from + 6).strip();
        String product = viaProduct(h, name);
        name = product == null ? name : product + " " + name;
      } else {
        name = "X-Cache";
      }
      hops.add(new CacheHop(name, result(v), "X-Cache"));
    }
    if (hops.isEmpty() && age != null && age > 0) {
      hops.add(new CacheHop("a cache (Age " + age + " s)", CacheResult.HIT, "Age"));
    }
    return List.copyOf(hops);
  }

  private static CacheResult result(String v) {
    String u = v.toUpperCase(Locale.ROOT);
    if (u.contains("STALE") || u.contains("EXPIRED") || u.contains("REVALIDATED")) {
      return CacheResult.STALE;
    }
    if (u.contains("HIT")) {
      return CacheResult.HIT;
    }
    if (u.contains("MISS")) {
      return CacheResult.MISS;
    }
    if (u.contains("BYPASS") || u.contains("DYNAMIC") || u.contains("PASS")) {
      return CacheResult.BYPASS;
    }
    return CacheResult.UNKNOWN;
  }

  /**
   * The product a {@code Via} entry names for the intermediary {@code host} (Squid writes {@code
   * X-Cache: HIT from host} and {@code Via: 1.1 host (squid/5.7)}), or null.
   */
  static String viaProduct(Headers h, String host) {
    String bare = host.replaceFirst(":\\d+$", "");
    List<String> via = h.list("Via");
    for (int i = 0; i < via.size() && i < MAX_HOPS; i++) {
      String[] parts = via.get(i).strip().split("\\s+", 3);
      if (parts.length == 3
          && parts[1].replaceFirst(":\\d+$", "").equalsIgnoreCase(bare)
          && parts[2].toLowerCase(Locale.ROOT).startsWith("(squid")) {
        return "Squid";
      }
    }
    return null;
  }

  static List<String> via(Headers h) {
    List<String> out = new ArrayList<>();
    for (String v : h.list("Via")) {
      if (out.size() >= MAX_HOPS) {
        break;
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  /** An HTTP-date (IMF-fixdate, or the obsolete RFC 850 / asctime forms loosely), or null. */
  static Instant httpDate(String text) {
    if (text == null || text.length() > 64) {
      return null;
    }
    try {
      return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s.strip();
  }
}
