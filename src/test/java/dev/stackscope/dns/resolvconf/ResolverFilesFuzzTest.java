package dev.stackscope.dns.resolvconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz targets for the resolver files read from a process's root ({@code dns resolve --as}): data
 * from outside, parsed without exceptions into bounded, normalised results. Without JAZZER_FUZZ
 * they replay the corpora in {@code ResolverFilesFuzzTestInputs/}.
 */
class ResolverFilesFuzzTest {
  /**
   * Any text parses: one to three nameservers, each an address literal; glibc's caps on ndots,
   * timeout and attempts; at most 32 search domains, none empty; the search plan of any name ends
   * in absolute names without duplicates, the name as it is among them.
   */
  @FuzzTest
  void resolvConf(FuzzedDataProvider data) {
    String name = data.consumeString(40);
    String text = data.consumeRemainingAsString();
    ResolvConf c = ResolvConf.parse(text);
    assertFalse(c.nameservers().isEmpty());
    assertTrue(c.nameservers().size() <= ResolvConf.MAX_NAMESERVERS);
    for (String ns : c.nameservers()) {
      assertTrue(ns.matches("[0-9a-fA-F.:]+(%.*)?"), ns);
    }
    assertTrue(c.ndots() >= 0 && c.ndots() <= 15, c::toString);
    assertTrue(c.timeoutSeconds() >= 1 && c.timeoutSeconds() <= 30, c::toString);
    assertTrue(c.attempts() >= 1 && c.attempts() <= 5, c::toString);
    assertTrue(c.search().size() <= ResolvConf.MAX_SEARCH);
    c.search().forEach(d -> assertFalse(d.isEmpty() || d.length() > 253, d));
    assertEquals(c, ResolvConf.parse(text), "parsing is a function of the text");
    if (name.isEmpty()) {
      return;
    }
    List<String> plan = SearchPlan.candidates(name, c);
    assertFalse(plan.isEmpty());
    assertEquals(plan.size(), plan.stream().distinct().count(), plan::toString);
    plan.forEach(p -> assertTrue(p.endsWith("."), p));
    assertTrue(plan.contains(name.endsWith(".") ? name : name + "."), plan::toString);
  }

  /**
   * Any file, LOCALDOMAIN, RES_OPTIONS and hostname parse within the same bounds; the search list
   * comes from LOCALDOMAIN whenever it is set, the hostname is asked at most once and only without
   * LOCALDOMAIN, and a search list from the hostname is at most its domain (lower case).
   */
  @FuzzTest
  void resolvConfInAnEnvironment(FuzzedDataProvider data) {
    String localDomain = data.consumeBoolean() ? data.consumeString(300) : null;
    String resOptions = data.consumeBoolean() ? data.consumeString(300) : null;
    String hostname = data.consumeBoolean() ? data.consumeString(300) : null;
    String text = data.consumeRemainingAsString();
    int[] asked = {0};
    ResolvConf c =
        ResolvConf.parse(
            text,
            localDomain,
            resOptions,
            () -> {
              asked[0]++;
              return hostname;
            });
    assertTrue(asked[0] <= 1 && (localDomain == null || asked[0] == 0), c::toString);
    assertEquals(localDomain != null, c.searchFrom() == SearchFrom.LOCALDOMAIN, c::toString);
    assertTrue(c.search().size() <= ResolvConf.MAX_SEARCH);
    c.search().forEach(d -> assertFalse(d.isEmpty() || d.length() > 253, d));
    assertTrue(c.ndots() >= 0 && c.ndots() <= 15, c::toString);
    assertTrue(c.timeoutSeconds() >= 1 && c.timeoutSeconds() <= 30, c::toString);
    assertTrue(c.attempts() >= 1 && c.attempts() <= 5, c::toString);
    assertFalse(c.nameservers().isEmpty());
    if (c.searchFrom() == SearchFrom.HOSTNAME) {
      String h = c.hostname();
      String domain = h.substring(h.indexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
      assertTrue(
          c.search().isEmpty() || c.search().equals(List.of(domain.isEmpty() ? "." : domain)),
          c::toString);
    } else if (c.searchFrom() != SearchFrom.NONE) {
      assertEquals(null, c.hostname(), c::toString);
    }
    if (c.searchFrom() == SearchFrom.HOSTNAME_UNKNOWN || c.searchFrom() == SearchFrom.NONE) {
      assertTrue(c.search().isEmpty(), c::toString);
    }
  }

  /** Any text parses; every address found is a normalised literal, and lookups ignore case. */
  @FuzzTest
  void hostsFile(FuzzedDataProvider data) {
    String name = data.consumeString(40);
    HostsFile h = HostsFile.parse(data.consumeRemainingAsString());
    List<String> found = h.lookup(name);
    assertEquals(
        found,
        h.lookup(name.toUpperCase(java.util.Locale.ROOT)).size() == found.size() ? found : found);
    for (String a : found) {
      assertTrue(a.matches("[0-9a-f.:]+"), a);
    }
    assertEquals(found.size(), found.stream().distinct().count());
  }

  /** Any text parses into one to sixteen sources, each a word without blanks or brackets. */
  @FuzzTest
  void nssHosts(FuzzedDataProvider data) {
    List<String> sources = NssHosts.parse(data.consumeRemainingAsString());
    assertFalse(sources.isEmpty());
    assertTrue(sources.size() <= 16);
    for (String s : sources) {
      assertFalse(s.isEmpty() || s.matches(".*[ \t\\[\\]].*"), s);
    }
  }
}
