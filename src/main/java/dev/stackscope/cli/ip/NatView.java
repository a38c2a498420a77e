package dev.stackscope.cli.ip;

import dev.stackscope.ip.NatAssessment;
import dev.stackscope.ip.NatReport;
import dev.stackscope.ip.StunNote;
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
      st.field("mapping", s.mapping() == null ? "-" : s.mapping().toString());
      st.field("filtering", s.filtering() == null ? "-" : s.filtering().toString());
      if (s.otherAddress() != null) {
        st.field("other address", s.otherAddress());
      }
      if (s.software() != null) {
        st.field("server software", s.software());
      }
      for (StunNote note : s.notes()) {
        st.field("note", note(note));
      }
    }
    d.section("Assessment").field("verdict", assessment(r.assessment(), s));
    out.detail(d);
  }

  /** Why a STUN behaviour test could not decide, in words. */
  static String note(StunNote note) {
    return switch (note.kind()) {
      case NO_OTHER_ADDRESS ->
          "the server offers no OTHER-ADDRESS: mapping and filtering behaviour cannot be tested"
              + " (RFC 5780)";
      case OTHER_ADDRESS_FAMILY ->
          "OTHER-ADDRESS " + note.address() + " is of another address family: behaviour not tested";
      case MAPPING_NO_ANSWER -> "mapping: no answer from the alternate address " + note.address();
      case MAPPING_NO_ANSWER_ALTERNATE_PORT ->
          "mapping: no answer from the alternate address and port " + note.address();
      case CHANGE_REQUEST_IGNORED ->
          "filtering: the server ignored CHANGE-REQUEST (answered from " + note.address() + ")";
    };
  }

  /** The assessment in words; with STUN, what it saw. */
  static String assessment(NatAssessment a, StunReport stun) {
    return switch (a) {
      case NOT_BEHIND_NAT -> "not behind NAT: the STUN server saw this host's own address and port";
      case BEHIND_NAT, BEHIND_MORE_NAT ->
          "behind NAT: the STUN server saw "
              + stun.mappedAddress()
              + ":"
              + stun.mappedPort()
              + " instead of "
              + stun.localAddress()
              + (a == NatAssessment.BEHIND_MORE_NAT
                  ? " (itself "
                      + stun.mappedVerdict()
                      + ": more NAT further out, e.g. carrier-grade NAT)"
                  : "");
      case NO_DEFAULT_ROUTE -> "no default route: this host reaches no other network";
      case GLOBAL_IPV4 ->
          "an interface holds a global IPv4 address: probably not behind IPv4 NAT"
              + " (--stun SERVER checks)";
      case PRIVATE_IPV4_ONLY ->
          "only private or shared IPv4 addresses: outbound IPv4 is translated (NAT) by a router"
              + " on the way out (--stun SERVER shows the public address)";
      case NO_IPV4 ->
          "no private or global IPv4 address on an interface that is up (--stun SERVER checks)";
    };
  }
}
