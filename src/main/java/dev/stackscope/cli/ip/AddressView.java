package dev.stackscope.cli.ip;

import dev.stackscope.ip.AddressReport;
import dev.stackscope.ip.EmbeddedIpv4;
import dev.stackscope.ip.NetworkInfo;
import dev.stackscope.ip.RangeInfo;
import dev.stackscope.ip.Verdict;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Sanitizer;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** Text views of {@link AddressReport}s: a detail view, and the one-line brief form. */
final class AddressView {
  private AddressView() {}

  static Detail detail(AddressReport r, String containsText) {
    Detail d = Detail.titled(r.input());
    Detail.Section a =
        d.section(r.range() != null ? "Range" : r.cidr() != null ? "Network" : "Address");
    if (r.network() != null) {
      a.field("network", r.network());
    }
    if (r.address() != null) {
      a.field(r.network() != null ? "host" : "address", r.address());
    }
    a.field("version", "IPv" + r.version());
    a.field("verdict", verdict(r.verdict()));
    a.field("meaning", r.meaning());
    if (r.multicastScope() != null) {
      a.field("multicast scope", r.multicastScope());
    }
    if (r.contains() != null) {
      a.field("contains " + Sanitizer.clean(containsText), r.contains() ? "yes" : "no");
    }
    NetworkInfo c = r.cidr();
    if (c != null) {
      a.field("netmask", c.netmask());
      a.field("wildcard", c.wildcard());
      if (c.broadcast() != null) {
        a.field("broadcast", c.broadcast());
      }
      a.field("first host", c.firstHost());
      a.field("last host", c.lastHost());
      a.field("hosts", String.format(Locale.ROOT, "%,d", c.hostCount()));
      a.field("prefix length", c.prefixLength());
    }
    RangeInfo range = r.range();
    if (range != null) {
      a.field("first", range.first());
      a.field("last", range.last());
      a.field("addresses", String.format(Locale.ROOT, "%,d", range.size()));
      a.field("cidr blocks", String.join(" ", range.cidrs()));
    }
    AddressReport.Block b = r.registry();
    Detail.Section reg = d.section("Registry");
    if (b == null) {
      reg.field(
          "block", r.version() == 4 ? "none (ordinary unicast)" : "none (unassigned by IANA)");
    } else {
      reg.field("block", b.block() + "  " + b.name());
      reg.field("rfc", b.rfc());
      if (b.iana()) {
        reg.field("source", flag(b.source()));
        reg.field("destination", flag(b.destination()));
        reg.field("forwardable", flag(b.forwardable()));
        reg.field("globally reachable", flag(b.globallyReachable()));
        reg.field("reserved-by-protocol", flag(b.reservedByProtocol()));
      } else {
        reg.field("flags", "not in the IANA special-purpose registries");
      }
    }
    EmbeddedIpv4 e = r.embeddedIpv4();
    if (e != null) {
      Detail.Section s = d.section("Embedded IPv4");
      s.field("form", e.form());
      s.field("address", e.address());
      s.field("verdict", verdict(e.verdict()));
      if (e.block() != null) {
        s.field("block", e.block());
      }
      if (e.teredoServer() != null) {
        s.field("teredo server", e.teredoServer());
        s.field("client port", e.teredoPort());
      }
    }
    if (!r.overlaps().isEmpty()) {
      Detail.Section s = d.section("Overlaps");
      for (AddressReport.Overlap o : r.overlaps()) {
        s.field(o.block(), o.name() + " (" + o.verdict() + ")");
      }
    }
    return d;
  }

  private static String flag(Boolean b) {
    return b == null ? "n/a" : b ? "yes" : "no";
  }

  static Text verdict(Verdict v) {
    Style style =
        switch (v) {
          case GLOBAL -> Style.GREEN;
          case PRIVATE, SHARED -> Style.YELLOW;
          case LOOPBACK, LINK_LOCAL -> Style.CYAN;
          case MULTICAST -> Style.MAGENTA;
          default -> Style.DIM;
        };
    return Text.of(v.toString(), style);
  }

  /**
   * {@code input<TAB>verdict<TAB>block name}: the input as given (sanitised), the verdict, and the
   * most specific block ({@code -} when none); for embedded IPv4, {@code via <form> <address>}.
   */
  static void briefLine(Writer w, AddressReport r) throws IOException {
    w.write(Sanitizer.clean(r.input()));
    w.write('\t');
    w.write(r.verdict().toString());
    w.write('\t');
    AddressReport.Block b = r.registry();
    if (b == null) {
      w.write('-');
    } else {
      w.write(b.block());
      w.write(' ');
      w.write(b.name());
    }
    EmbeddedIpv4 e = r.embeddedIpv4();
    if (e != null) {
      w.write("\tvia ");
      w.write(e.form());
      w.write(' ');
      w.write(e.address().toString());
    }
    w.write('\n');
  }
}
