package dev.stackscope.dns;

import dev.stackscope.ip.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * The OPT record of a reply as shown: the server's buffer size and EDNS version, the DO bit, and
 * the options it carried (RFC 6891). Option data came from the server: strings are for the output
 * layer to sanitise.
 *
 * @param udpSize the largest UDP reply the server accepts
 * @param nsid the server's identifier in hex (RFC 5001), null when none came back
 * @param nsidText the identifier as text when it is printable ASCII, else null
 * @param clientCookie the client cookie the server echoed, hex (RFC 7873), or null
 * @param serverCookie the server's cookie, hex, or null
 * @param subnet the client subnet the server echoed, {@code ADDRESS/SOURCE/SCOPE}, or null
 * @param errors extended DNS errors (RFC 8914): "CODE NAME: text"
 * @param others the other options as "CODE: hex"
 */
public record EdnsReport(
    int udpSize,
    int version,
    boolean dnssecOk,
    String nsid,
    String nsidText,
    String clientCookie,
    String serverCookie,
    String subnet,
    List<String> errors,
    List<String> others) {

  /** The reply's EDNS, or null when it has no OPT record. */
  public static EdnsReport of(Message reply) {
    OPTRecord opt = reply.getOPT();
    if (opt == null) {
      return null;
    }
    String nsid = null;
    String nsidText = null;
    String client = null;
    String server = null;
    String subnet = null;
    List<String> errors = new ArrayList<>();
    List<String> others = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (EDNSOption o : opt.getOptions()) {
      if (o.getCode() == EDNSOption.Code.NSID) {
        byte[] data = data(o);
        nsid = hex.formatHex(data);
        nsidText =
            printable(data) ? new String(data, java.nio.charset.StandardCharsets.US_ASCII) : null;
      } else if (o instanceof CookieOption c) {
        client = hex.formatHex(c.getClientCookie());
        server = c.getServerCookie().map(hex::formatHex).orElse(null);
      } else if (o instanceof ClientSubnetOption s) {
        subnet =
            IpAddress.text(s.getAddress())
                + "/"
                + s.getSourcePrefixLength()
                + "/"
                + s.getScopePrefixLength();
      } else if (o instanceof ExtendedErrorCodeOption e) {
        String text = e.getText();
        errors.add(
            e.getErrorCode()
                + " "
                + ExtendedErrorCodeOption.text(e.getErrorCode())
                + (text == null || text.isEmpty() ? "" : ": " + text));
      } else {
        others.add(o.getCode() + ": " + hex.formatHex(data(o)));
      }
    }
    return new EdnsReport(
        opt.getPayloadSize(),
        opt.getVersion(),
        (opt.getFlags() & ExtendedFlags.DO) != 0,
        nsid,
        nsidText,
        client,
        server,
        subnet,
        List.copyOf(errors),
        List.copyOf(others));
  }

  /** An option's data: its wire form less the code and length (4 bytes). */
  private static byte[] data(EDNSOption o) {
    byte[] wire = o.toWire();
    return wire.length <= 4 ? new byte[0] : Arrays.copyOfRange(wire, 4, wire.length);
  }

  private static boolean printable(byte[] data) {
    if (data.length == 0) {
      return false;
    }
    for (byte b : data) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
