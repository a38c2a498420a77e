package dev.stackscope.dns;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A name as the user typed it and as it goes on the wire: Unicode labels become punycode (IDNA),
 * the name is made absolute, and the DNS limits (63 octets a label, 255 a name, no empty label) are
 * checked with a message naming the offending part.
 */
public record QueryName(String input, String ascii, Name name) {
  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 255;

  /** True when the typed name differs from its wire form (it had Unicode labels). */
  public boolean converted() {
    return !input.equalsIgnoreCase(ascii) && !(input + ".").equalsIgnoreCase(ascii);
  }

  /** The Unicode form of the name when it had one, else null. */
  public String unicode() {
    return converted() ? input : null;
  }

  public static QueryName parse(String input) {
    if (input == null || input.isEmpty()) {
      throw new DnsInputException("empty name");
    }
    if (input.equals(".")) {
      return new QueryName(input, ".", Name.root);
    }
    String body = input.endsWith(".") ? input.substring(0, input.length() - 1) : input;
    String[] labels = body.split("\\.", -1);
    StringBuilder ascii = new StringBuilder();
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new DnsInputException("empty label in name '" + input + "'");
      }
      String wire = toAscii(label, input);
      int octets = wire.getBytes(StandardCharsets.UTF_8).length;
      if (octets > MAX_LABEL) {
        throw new DnsInputException(
            "label '"
                + shorten(label)
                + "' is "
                + octets
                + " octets (at most 63) in '"
                + shorten(input)
                + "'");
      }
      ascii.append(wire).append('.');
    }
    // wire length: one length octet per label, the label octets, and the root's zero octet
    int wireLength = ascii.length() + 1;
    if (wireLength > MAX_NAME) {
      throw new DnsInputException(
          "name is " + wireLength + " octets on the wire (at most 255): '" + shorten(input) + "'");
    }
    try {
      return new QueryName(input, ascii.toString(), Name.fromString(ascii.toString()));
    } catch (TextParseException e) {
      throw new DnsInputException("bad name '" + shorten(input) + "': " + e.getMessage());
    }
  }

  private static String toAscii(String label, String input) {
    if (label.chars().allMatch(c -> c < 0x80)) {
      return label;
    }
    try {
      return IDN.toASCII(label, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      throw new DnsInputException(
          "label '"
              + shorten(label)
              + "' of '"
              + shorten(input)
              + "' is not a valid IDN: "
              + e.getMessage());
    }
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
