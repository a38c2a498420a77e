package dev.stackscope.ip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The special-purpose address blocks (IANA registries plus the blocks they leave out), loaded from
 * {@code special-registry.tsv}. Lookups return the most specific block that contains an address.
 */
public final class SpecialRegistry {
  private static final String RESOURCE = "special-registry.tsv";
  private static volatile SpecialRegistry standard;

  private final RegistryEntry[] v4; // most specific first
  private final RegistryEntry[] v6;

  SpecialRegistry(List<RegistryEntry> entries) {
    this.v4 = mostSpecificFirst(entries, 4);
    this.v6 = mostSpecificFirst(entries, 6);
  }

  /**
   * One family's blocks, longest prefix first (stable). Plain loops, not a stream: the table is
   * loaded by every {@code ports} run, and each lambda costs a bootstrap in a JVM that has just
   * started.
   */
  private static RegistryEntry[] mostSpecificFirst(List<RegistryEntry> entries, int version) {
    List<RegistryEntry> family = new ArrayList<>();
    for (RegistryEntry e : entries) {
      if (e.network().version() == version) {
        family.add(e);
      }
    }
    RegistryEntry[] out = family.toArray(new RegistryEntry[0]);
    // insertion sort: a few dozen entries, most already in order
    for (int i = 1; i < out.length; i++) {
      RegistryEntry e = out[i];
      int j = i - 1;
      while (j >= 0 && out[j].prefixLength() < e.prefixLength()) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = e;
    }
    return out;
  }

  /** The table shipped in the jar (loaded once, on first use). */
  public static SpecialRegistry standard() {
    SpecialRegistry r = standard;
    if (r == null) {
      synchronized (SpecialRegistry.class) {
        r = standard;
        if (r == null) {
          try (InputStream in = SpecialRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            r = new SpecialRegistry(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          standard = r;
        }
      }
    }
    return r;
  }

  /** Parses the TSV table (comments start with '#'). */
  public static List<RegistryEntry> parse(String text) {
    List<RegistryEntry> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 10) {
          throw new IllegalArgumentException(
              "registry line " + no + ": " + f.length + " fields, expected 10");
        }
        IpTarget t = AddressParser.parseTarget(f[0]);
        if (!(t instanceof IpTarget.Block b) || b.hasHostBits()) {
          throw new IllegalArgumentException("registry line " + no + ": not a network: " + f[0]);
        }
        out.add(
            new RegistryEntry(
                f[0],
                b.network(),
                b.prefix(),
                f[1],
                f[2],
                flag(f[3]),
                flag(f[4]),
                flag(f[5]),
                flag(f[6]),
                flag(f[7]),
                Verdict.ofLabel(f[8]),
                f[9].equals("iana")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Boolean flag(String s) {
    return switch (s) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "n/a", "-" -> null;
      default -> throw new IllegalArgumentException("bad flag " + s);
    };
  }

  /** The most specific block containing {@code a}, or null. */
  public RegistryEntry lookup(IpAddress a) {
    for (RegistryEntry e : a.version() == 4 ? v4 : v6) {
      if (e.contains(a)) {
        return e;
      }
    }
    return null;
  }

  /** The most specific block containing all of {@code first..last}, or null. */
  public RegistryEntry enclosing(IpAddress first, IpAddress last) {
    for (RegistryEntry e : first.version() == 4 ? v4 : v6) {
      if (e.contains(first) && e.contains(last)) {
        return e;
      }
    }
    return null;
  }

  /** Blocks that overlap {@code first..last} without containing all of it, widest first. */
  public List<RegistryEntry> overlapping(IpAddress first, IpAddress last) {
    List<RegistryEntry> out = new ArrayList<>();
    RegistryEntry[] all = first.version() == 4 ? v4 : v6;
    for (int i = all.length - 1; i >= 0; i--) {
      RegistryEntry e = all[i];
      boolean overlaps = e.network().compareTo(last) <= 0 && e.last().compareTo(first) >= 0;
      boolean containsAll = e.contains(first) && e.contains(last);
      if (overlaps && !containsAll) {
        out.add(e);
      }
    }
    return out;
  }

  /** Every block of one family, most specific first. */
  public List<RegistryEntry> entries(int version) {
    return List.of(version == 4 ? v4 : v6);
  }
}
