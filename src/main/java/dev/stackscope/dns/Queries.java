package dev.stackscope.dns;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builds queries and reads the parts of replies that every resolver here needs. */
public final class Queries {
  /** EDNS buffer size of DNS Flag Day 2020: avoids IP fragmentation. */
  public static final int EDNS_PAYLOAD = 1232;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Queries() {}

  /** A query with a random ID and EDNS; {@code recursion} sets RD, {@code dnssec} sets DO. */
  public static Message build(
      org.xbill.DNS.Name name, int type, boolean recursion, boolean dnssec) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().setID(RANDOM.nextInt(65536));
    if (!recursion) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    query.addRecord(
        new OPTRecord(EDNS_PAYLOAD, 0, 0, dnssec ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return query;
  }

  /** A random query ID. */
  public static int randomId() {
    return RANDOM.nextInt(65536);
  }

  /** The header flags that are set, lower case as dig prints them. */
  public static List<String> flags(Message m) {
    List<String> flags = new ArrayList<>();
    int[] order = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
    for (int f : order) {
      if (m.getHeader().getFlag(f)) {
        flags.add(Flags.string(f).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return flags;
  }

  /** The extended rcode (the OPT record's high bits included), e.g. NOERROR, NXDOMAIN, BADVERS. */
  public static String rcode(Message m) {
    return org.xbill.DNS.Rcode.string(m.getRcode());
  }

  /** A section's records without the OPT pseudo-record. */
  public static List<Record> section(Message m, int section) {
    return m.getSection(section).stream().filter(r -> !(r instanceof OPTRecord)).toList();
  }
}
