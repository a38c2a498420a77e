package dev.stackscope.url;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * Splits domain names with the Public Suffix List that ships in Guava ({@link InternetDomainName}),
 * following the list's algorithm: lowercase, a leading dot or an empty label gives no split, an
 * unlisted TLD is a public suffix by the default rule "*". Punycode and Unicode names give the same
 * split (Guava's rules are Unicode; {@code xn--} labels are decoded with UTS #46 for the lookup),
 * and results come back in the form the name was given in. Guava is loaded on first use only.
 */
public final class PublicSuffixes {
  private PublicSuffixes() {}

  /** The split of {@code domain}, or null when it is not a domain name the list can split. */
  public static DomainSplit split(String domain) {
    if (domain == null || domain.isEmpty()) {
      return null;
    }
    String name = domain.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
      return null;
    }
    String[] labels = name.split("\\.", -1);
    String unicode = name.contains("xn--") ? Idna.toUnicode(name) : name;
    int suffixLabels;
    SuffixSection section;
    try {
      InternetDomainName idn = InternetDomainName.from(unicode);
      if (idn.hasPublicSuffix()) {
        InternetDomainName suffix = idn.publicSuffix();
        suffixLabels = suffix.parts().size();
        section =
            idn.hasRegistrySuffix() && idn.registrySuffix().equals(suffix)
                ? SuffixSection.ICANN
                : SuffixSection.PRIVATE;
      } else {
        suffixLabels = 1;
        section = null;
      }
    } catch (IllegalArgumentException | IllegalStateException notADomainName) {
      return null;
    }
    if (labels.length != unicode.split("\\.", -1).length) {
      return null; // UTS #46 mapped a dot-like character: the label counts no longer line up
    }
    String publicSuffix = join(labels, labels.length - suffixLabels);
    if (labels.length <= suffixLabels) {
      return new DomainSplit(null, null, publicSuffix, section);
    }
    int registrableStart = labels.length - suffixLabels - 1;
    String subdomain =
        registrableStart == 0
            ? null
            : String.join(".", java.util.Arrays.copyOf(labels, registrableStart));
    return new DomainSplit(subdomain, join(labels, registrableStart), publicSuffix, section);
  }

  private static String join(String[] labels, int from) {
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(0, from); i < labels.length; i++) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(labels[i]);
    }
    return b.toString();
  }
}
