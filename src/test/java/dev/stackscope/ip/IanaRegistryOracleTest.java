package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IANA special-purpose registries (the published CSVs) as the oracle: the first and last
 * address of every block must get that block's name and flags, where the expected block is the most
 * specific CSV block containing the address. Also checks the table has every CSV block.
 */
class IanaRegistryOracleTest {
  /** One CSV row, split per prefix, flags as in the CSV (null = N/A or empty). */
  record Row(String prefix, IpAddress network, int length, String name, Boolean[] flags) {}

  @ParameterizedTest
  @ValueSource(strings = {"iana-ipv4-special-registry-1.csv", "iana-ipv6-special-registry-1.csv"})
  void firstAndLastAddressOfEveryBlockGetThatBlocksFlags(String file) throws Exception {
    List<Row> rows = parseCsv(Files.readString(SharedData.iana(file), StandardCharsets.UTF_8));
    assertTrue(rows.size() >= 24, "rows parsed: " + rows.size());
    AddressClassifier classifier = AddressClassifier.standard();
    int checked = 0;
    for (Row row : rows) {
      for (IpAddress a : List.of(row.network(), row.network().lastInPrefix(row.length()))) {
        Row expected = mostSpecific(rows, a);
        Classification c = classifier.classify(a);
        RegistryEntry got = c.block();
        assertNotNull(got, a + " has no block; expected " + expected.prefix());
        String where = a + " (CSV block " + expected.prefix() + ", got " + got.prefix() + ")";
        assertEquals(expected.network(), got.network(), where);
        assertEquals(expected.length(), got.prefixLength(), where);
        assertEquals(expected.name(), got.name(), where);
        Boolean[] flags = {
          got.source(),
          got.destination(),
          got.forwardable(),
          got.globallyReachable(),
          got.reservedByProtocol()
        };
        for (int i = 0; i < 5; i++) {
          assertEquals(expected.flags()[i], flags[i], where + " flag " + i);
        }
        checked++;
      }
    }
    assertEquals(rows.size() * 2, checked);
  }

  private static Row mostSpecific(List<Row> rows, IpAddress a) {
    Row best = null;
    for (Row r : rows) {
      if (a.inPrefix(r.network(), r.length()) && (best == null || r.length() > best.length())) {
        best = r;
      }
    }
    return best;
  }

  /** RFC 4180 CSV with the registry's traps: quoted fields with LFs, footnote marks, N/A. */
  static List<Row> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(f.toString());
        f.setLength(0);
      } else if (c == '\n') {
        fields.add(f.toString());
        f.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else if (c != '\r') {
        f.append(c);
      }
    }
    if (f.length() > 0 || !fields.isEmpty()) {
      fields.add(f.toString());
      records.add(fields);
    }
    List<Row> rows = new ArrayList<>();
    for (List<String> rec : records.subList(1, records.size())) {
      if (rec.size() != 10) {
        throw new IllegalArgumentException("CSV record with " + rec.size() + " fields: " + rec);
      }
      Boolean[] flags = new Boolean[5];
      for (int k = 0; k < 5; k++) {
        String v = stripFootnote(rec.get(5 + k));
        flags[k] = v.equals("True") ? Boolean.TRUE : v.equals("False") ? Boolean.FALSE : null;
      }
      for (String prefix : rec.get(0).split(",")) {
        String p = stripFootnote(prefix);
        IpTarget.Block b = (IpTarget.Block) AddressParser.parseTarget(p);
        rows.add(new Row(p, b.network(), b.prefix(), rec.get(1), flags));
      }
    }
    return rows;
  }

  private static String stripFootnote(String s) {
    return s.replaceAll("\\[\\d+\\]", "").strip();
  }
}
