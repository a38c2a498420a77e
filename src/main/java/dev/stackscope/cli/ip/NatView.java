package dev.stackscope.cli.ip;

import dev.stackscope.ip.NatReport;
import dev.stackscope.ip.StunReport;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Table;
import dev.stackscope.output.Text;

/** The text view of {@code nat}: an interface table, then gateway and STUN details. */
final class NatView {
  private NatView() {}

  static void render(Output out, NatReport r) {
    Table t =
        Table.of(
            Table.Column.text("INTERFACE"),
            Table.Column.text("STATE"),
            Table.Column.text("ADDRESS"),
            Table.Column.text("VERDICT"),
            Table.Column.flexible("BLOCK"));
    for (NatReport.InterfaceView i : r.interfaces()) {
      String state = (i.up() ? "up" : "down") + (i.loopback() ? ",loopback" : "");
      if (i.addresses().isEmpty()) {
        t.row(i.name(), state, null, null, null);
      }
      for (NatReport.AddressView a : i.addresses()) {
        t.row(
            i.name(),
            state,
            a.address() + "/" + a.prefixLength(),
            AddressView.verdict(a.verdict()),
            a.block());
      }
    }
    out.table(t);
    out.blank();
    Detail d = new Detail(Text.empty());
    Detail.Section g = d.section("Gateway");
    if (r.gateways().isEmpty()) {
      g.field("default", "none");
    }
    for (NatReport.GatewayView gw : r.gateways()) {
      g.field(
          "IPv" + gw.version(),
          Text.of(gw.address() + " via " + gw.interfaceName() + "  ")
              .add(AddressView.verdict(gw.verdict())));
    }
    StunReport s = r.stun();
    if (s != null) {
      Detail.Section st = d.section("STUN " + s.server());
      st.field(
          "behind NAT",
          s.behindNat() ? Text.of("yes", Style.BOLD_YELLOW) : Text.of("no", Style.BOLD_GREEN));
      st.field(
          "mapped address",
          Text.of(s.mappedAddress() + " port " + s.mappedPort() + "  ")
              .add(AddressView.verdict(s.mappedVerdict())));
      st.field("local address", s.localAddress());
      st.field("mapping", s.mapping() == null ? "-" : s.mapping());
      st.field("filtering", s.filtering() == null ? "-" : s.filtering());
      if (s.otherAddress() != null) {
        st.field("other address", s.otherAddress());
      }
      if (s.software() != null) {
        st.field("server software", s.software());
      }
      for (String note : s.notes()) {
        st.field("note", note);
      }
    }
    d.section("Assessment").field("verdict", r.assessment());
    out.detail(d);
  }
}
