package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PublicSuffixesTest {
  private static final Pattern CHECK =
      Pattern.compile("^checkPublicSuffix\\((null|'[^']*'), (null|'[^']*')\\);");

  /** The PSL's own test_psl.txt: expected is the registrable domain (eTLD+1) or null. */
  @Test
  void testPslCasesAllPass() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.require("psl/test_psl.txt"));
    int cases = 0;
    List<String> failures = new ArrayList<>();
    for (String line : lines) {
      Matcher m = CHECK.matcher(line.trim());
      if (!m.find()) {
        continue;
      }
      cases++;
      String input = unquote(m.group(1));
      String expected = unquote(m.group(2));
      DomainSplit split = PublicSuffixes.split(input);
      String actual = split == null ? null : split.registrableDomain();
      if (expected == null ? actual != null : !expected.equals(actual)) {
        failures.add(input + ": expected " + expected + " got " + actual);
      }
    }
    assertEquals(78, cases, "checkPublicSuffix lines in test_psl.txt");
    assertTrue(failures.isEmpty(), failures.size() + " failing:\n" + String.join("\n", failures));
  }

  @Test
  void icannAndPrivateSectionsAreTold() {
    DomainSplit pages = PublicSuffixes.split("octocat.github.io");
    assertEquals("github.io", pages.publicSuffix());
    assertEquals(SuffixSection.PRIVATE, pages.section());
    assertEquals("octocat.github.io", pages.registrableDomain());
    assertNull(pages.subdomain());

    DomainSplit uk = PublicSuffixes.split("a.b.example.co.uk");
    assertEquals("co.uk", uk.publicSuffix());
    assertEquals(SuffixSection.ICANN, uk.section());
    assertEquals("example.co.uk", uk.registrableDomain());
    assertEquals("a.b", uk.subdomain());
  }

  @Test
  void punycodeAndUnicodeSplitAlike() {
    DomainSplit puny = PublicSuffixes.split("www.xn--85x722f.xn--55qx5d.cn");
    assertEquals("xn--85x722f.xn--55qx5d.cn", puny.registrableDomain());
    assertEquals("xn--55qx5d.cn", puny.publicSuffix());
    assertEquals("www", puny.subdomain());
  }

  @Test
  void unlistedTldUsesTheDefaultRule() {
    DomainSplit s = PublicSuffixes.split("db.internal.example");
    assertEquals("example", s.publicSuffix());
    assertNull(s.section());
    assertEquals("internal.example", s.registrableDomain());
  }

  private static String unquote(String s) {
    return s.equals("null") ? null : s.substring(1, s.length() - 1);
  }
}
