package dev.stackscope.dns;

import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/** The record types the commands accept, by mnemonic. */
public final class RecordTypes {
  /** The types `dns resolve` and `dns trace` document; dnsjava knows more and they work too. */
  public static final List<String> DOCUMENTED =
      List.of(
          "A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "PTR", "SRV", "CAA", "HTTPS", "SVCB",
          "DS", "DNSKEY");

  private RecordTypes() {}

  /** True when {@code token} names a record type (so a positional argument is a type). */
  public static boolean isType(String token) {
    return token != null && !token.isEmpty() && lookup(token) >= 0;
  }

  /** The type's number; unknown → {@link DnsInputException}. */
  public static int parse(String token) {
    int type = lookup(token);
    if (token.matches("(?i)ANY|AXFR|IXFR")) {
      throw new DnsInputException(
          "record type '" + token + "' is not supported here (ask for the types you need)");
    }
    if (type < 0) {
      throw new DnsInputException(
          "unknown record type '"
              + token
              + "' (known: "
              + String.join(", ", DOCUMENTED)
              + ", ...)");
    }
    return type;
  }

  public static String name(int type) {
    return Type.string(type);
  }

  private static int lookup(String token) {
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.equals("ANY") || upper.equals("AXFR") || upper.equals("IXFR")) {
      return -1;
    }
    // only mnemonics and TYPEnnn; a bare number is not a type (it could be a name's label)
    if (!upper.matches("[A-Z][A-Z0-9-]*")) {
      return -1;
    }
    return Type.value(upper);
  }
}
