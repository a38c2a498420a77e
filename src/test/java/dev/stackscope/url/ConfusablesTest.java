package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** UTS #39 examples through ICU4J's SpoofChecker. */
class ConfusablesTest {
  @Test
  void cyrillicAndLatinMixedIsFlaggedAndNamesThePassedForName() {
    Confusables.Verdict v = Confusables.check("раураl.com"); // р а у а р: Cyrillic; l: Latin
    assertTrue(v.mixedScript());
    assertFalse(v.wholeScript());
    assertEquals(List.of("Cyrillic", "Latin"), v.scripts());
    assertEquals("paypal.com", v.looksLike());
  }

  @Test
  void allCyrillicAppleFromPunycodeIsAWholeScriptConfusable() throws Exception {
    WhatwgUrl url = WhatwgUrl.parse("https://xn--80ak6aa92e.com/");
    String unicode = UrlInspector.unicodeHostname(url);
    Confusables.Verdict v = Confusables.check(unicode);
    assertTrue(v.wholeScript(), v.toString());
    assertFalse(v.mixedScript(), "scripts are judged label by label: " + v);
    assertEquals("apple.com", v.looksLike());
    assertEquals(List.of("Cyrillic", "Latin"), v.scripts(), "аррӏе in Cyrillic, com in Latin");
  }

  @Test
  void latinAndGreekMix() {
    Confusables.Verdict v = Confusables.check("αpple.com");
    assertTrue(v.mixedScript());
    assertEquals(List.of("Greek", "Latin"), v.scripts());
    assertEquals("apple.com", v.looksLike());
  }

  @Test
  void nameThatIsFineIsNotFlagged() {
    assertNull(Confusables.check("paypal.com"), "ASCII: nothing to check");
    Confusables.Verdict latin = Confusables.check("bücher.de");
    assertFalse(latin.suspicious(), latin.toString());
    assertNull(latin.looksLike());
    Confusables.Verdict russian = Confusables.check("пример.рф");
    assertFalse(russian.suspicious(), "Cyrillic that reads as no ASCII name: " + russian);
    Confusables.Verdict japanese = Confusables.check("日本語のドメイン.jp");
    assertFalse(japanese.mixedScript(), "Han + Hiragana + Katakana is Japanese: " + japanese);
  }

  @Test
  void invisibleCharactersAreFlagged() {
    // a combining mark twice in a row: UTS #39's invisible check
    Confusables.Verdict v = Confusables.check("exa\u0301\u0301mple.com");
    assertTrue(v.invisible(), v.toString());
  }
}
