package dev.stackscope.dns;

import dev.stackscope.ip.IpAddress;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** One resource record as shown: owner, type, TTL and the rdata in presentation format (as dig). */
public record RecordData(String name, String type, long ttl, String data) {
  public static RecordData of(Record r) {
    String data =
        r instanceof AAAARecord aaaa ? IpAddress.text(aaaa.getAddress()) : r.rdataToString();
    return new RecordData(r.getName().toString(), Type.string(r.getType()), r.getTTL(), data);
  }

  public static List<RecordData> of(List<Record> records) {
    return records.stream().map(RecordData::of).toList();
  }
}
