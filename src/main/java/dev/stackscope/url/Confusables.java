package dev.stackscope.url;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a host name can pass for another (UTS #39, through ICU4J's {@link SpoofChecker}): labels
 * that mix scripts ({@code раураl}: Cyrillic + Latin), labels wholly in another script that look
 * like an ASCII name ({@code аррӏе}, all Cyrillic, reads "apple"), invisible characters, and the
 * skeleton UTS #39 compares names by. An all-ASCII host is never flagged.
 */
public final class Confusables {
  /** The verdict on one host; {@code looksLike} is the ASCII name it can pass for, or null. */
  public record Verdict(
      boolean mixedScript,
      boolean wholeScript,
      boolean invisible,
      List<String> scripts,
      String skeleton,
      String looksLike) {
    /** True when something is worth a warning. */
    public boolean suspicious() {
      return mixedScript || wholeScript || invisible;
    }
  }

  private Confusables() {}

  /** The verdict on {@code host} in Unicode (labels decoded from punycode), or null for ASCII. */
  public static Verdict check(String host) {
    if (host == null || host.chars().allMatch(c -> c < 0x80)) {
      return null;
    }
    Checker checker = Checker.INSTANCE;
    Set<String> allScripts = new LinkedHashSet<>();
    boolean mixed = false;
    boolean whole = false;
    List<String> lookalike = new ArrayList<>();
    boolean anyLookalike = false;
    for (String label : host.split("\\.", -1)) {
      Set<Integer> scripts = scripts(label);
      scripts.forEach(s -> allScripts.add(UScript.getName(s)));
      String ascii = checker.asciiLookalike(label);
      boolean latinOnly = scripts.size() == 1 && scripts.contains(UScript.LATIN);
      if (scripts.size() > 1 && !isCjkMix(scripts)) {
        mixed = true;
      } else if (!scripts.isEmpty() && !latinOnly && ascii != null) {
        whole = true;
      }
      boolean confusable = ascii != null && !ascii.equals(label) && !latinOnly;
      anyLookalike |= confusable;
      lookalike.add(confusable ? ascii : label);
    }
    SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
    checker.invisible.failsChecks(host, result);
    boolean invisible = (result.checks & SpoofChecker.INVISIBLE) != 0;
    return new Verdict(
        mixed,
        whole,
        invisible,
        List.copyOf(allScripts),
        checker.spoof.getSkeleton(host),
        anyLookalike ? String.join(".", lookalike) : null);
  }

  /**
   * The verdict on a DNS name as it travels ({@code xn--} labels, a final dot), or null when it is
   * plain ASCII without punycode (then ICU is not even loaded).
   */
  public static Verdict checkName(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    String lower = n.toLowerCase(java.util.Locale.ROOT);
    boolean punycode = lower.startsWith("xn--") || lower.contains(".xn--");
    if (!punycode && n.chars().allMatch(c -> c < 0x80)) {
      return null;
    }
    return check(punycode ? Idna.toUnicode(lower) : n);
  }

  /** The scripts of a label's characters, Common and Inherited (digits, '-', marks) left out. */
  private static Set<Integer> scripts(String label) {
    Set<Integer> out = new LinkedHashSet<>();
    label
        .codePoints()
        .map(UScript::getScript)
        .filter(s -> s != UScript.COMMON && s != UScript.INHERITED)
        .forEach(out::add);
    return out;
  }

  /** Han with Hiragana/Katakana (Japanese), Hangul (Korean) or Bopomofo: UTS #39 allows these. */
  private static boolean isCjkMix(Set<Integer> scripts) {
    Set<Integer> allowed =
        Set.of(UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA, UScript.HANGUL, UScript.BOPOMOFO);
    return allowed.containsAll(scripts);
  }

  /** The ICU objects, built on first use (they load the confusables data). */
  private static final class Checker {
    static final Checker INSTANCE = new Checker();
    final SpoofChecker spoof = new SpoofChecker.Builder().build();
    final SpoofChecker invisible =
        new SpoofChecker.Builder().setChecks(SpoofChecker.INVISIBLE).build();
    // the skeleton of each character a host name may hold in ASCII, to the character
    private final Map<String, Character> asciiBySkeleton = new HashMap<>();

    private Checker() {
      String chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
      for (char c : chars.toCharArray()) {
        asciiBySkeleton.putIfAbsent(spoof.getSkeleton(String.valueOf(c)), c);
      }
    }

    /**
     * The ASCII label that {@code label} is confusable with (same skeleton), character by
     * character; null when some character has no ASCII look-alike.
     */
    String asciiLookalike(String label) {
      StringBuilder out = new StringBuilder(label.length());
      for (int i = 0; i < label.length(); ) {
        int cp = label.codePointAt(i);
        i += Character.charCount(cp);
        if (cp < 0x80) {
          out.append(Character.toLowerCase((char) cp));
          continue;
        }
        Character ascii = asciiBySkeleton.get(spoof.getSkeleton(new String(Character.toChars(cp))));
        if (ascii == null) {
          return null;
        }
        out.append(ascii.charValue());
      }
      String candidate = out.toString();
      return spoof.getSkeleton(candidate).equals(spoof.getSkeleton(label)) ? candidate : null;
    }
  }
}
