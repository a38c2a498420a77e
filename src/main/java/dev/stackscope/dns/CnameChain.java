package dev.stackscope.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The part of an answer section that answers the question: the CNAME chain from the question's
 * name, then the records of the type asked at its end, each with the signatures over it. Any other
 * record in the section (an unrelated name, another type) is no answer at all, whatever it says;
 * the stub resolver, the tracer's reply classifier and explain all take their answers from here.
 *
 * @param records the chain, in order, and the answer records at its end
 * @param end the last name of the chain (the question's name when there is no CNAME)
 * @param complete whether records of the type asked were found at the end
 */
public record CnameChain(List<Record> records, Name end, boolean complete) {

  /** Follows the chain from {@code qname} through {@code answer}; stops at a loop. */
  public static CnameChain follow(Name qname, int qtype, List<Record> answer) {
    List<Record> chain = new ArrayList<>();
    Name name = qname;
    Set<Name> seen = new HashSet<>();
    while (seen.add(name)) {
      List<Record> owned = owned(answer, name);
      List<Record> matching =
          owned.stream().filter(r -> r.getType() == qtype || isSigOver(r, qtype)).toList();
      if (matching.stream().anyMatch(r -> r.getType() == qtype)) {
        chain.addAll(matching);
        return new CnameChain(List.copyOf(chain), name, true);
      }
      Record cname = owned.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
      if (cname == null || qtype == Type.CNAME) {
        break;
      }
      chain.addAll(
          owned.stream()
              .filter(r -> r.getType() == Type.CNAME || isSigOver(r, Type.CNAME))
              .toList());
      name = ((CNAMERecord) cname).getTarget();
    }
    return new CnameChain(List.copyOf(chain), name, false);
  }

  /** The records of {@code answer} that are not on the chain, in their order. */
  public List<Record> others(List<Record> answer) {
    Set<Record> on = new HashSet<>(records);
    return answer.stream().filter(r -> !on.contains(r)).toList();
  }

  private static List<Record> owned(List<Record> answer, Name owner) {
    return answer.stream().filter(r -> r.getName().equals(owner)).toList();
  }

  static boolean isSigOver(Record r, int type) {
    return r instanceof RRSIGRecord sig && sig.getTypeCovered() == type;
  }
}
