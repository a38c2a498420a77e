package dev.stackscope.dns;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** One resource record as shown: owner, type, TTL and the rdata in presentation format (as dig). */
public record RecordData(String name, String type, long ttl, String data) {
  public static RecordData of(Record r) {
    String data =
        r instanceof AAAARecord aaaa ? compressed(aaaa.getAddress()) : r.rdataToString();
    return new RecordData(r.getName().toString(), Type.string(r.getType()), r.getTTL(), data);
  }

  /** RFC 5952 text of an IPv6 address (dnsjava prints every group; dig prints fd00::40). */
  static String compressed(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length != 16) {
      return address.getHostAddress();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1; // a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  public static List<RecordData> of(List<Record> records) {
    return records.stream().map(RecordData::of).toList();
  }
}
