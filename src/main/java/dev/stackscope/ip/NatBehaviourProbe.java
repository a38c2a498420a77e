package dev.stackscope.ip;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a STUN server what this host looks like from outside, and, when the server offers an
 * OTHER-ADDRESS, runs the RFC 5780 tests (section 4.3 mapping, 4.4 filtering) and names the
 * behaviour in RFC 4787 terms. All requests leave from the one local socket of the client.
 */
public final class NatBehaviourProbe {
  private final StunClient client;
  private final AddressClassifier classifier;

  public NatBehaviourProbe(StunClient client, AddressClassifier classifier) {
    this.client = client;
    this.classifier = classifier;
  }

  public StunReport probe(TransportAddress server, String serverText) throws StunException {
    StunClient.Answer first = client.binding(server, false, false);
    if (first == null) {
      throw new StunException("no answer from STUN server " + serverText + " (" + server + ")");
    }
    TransportAddress mapped1 = first.response().mapped().withoutZone();
    TransportAddress local = client.local().withoutZone();
    boolean behindNat = !mapped1.equals(local);
    TransportAddress other = first.response().otherAddress();
    List<StunNote> notes = new ArrayList<>();
    NatBehaviour mapping = null;
    NatBehaviour filtering = null;
    if (other == null) {
      notes.add(new StunNote(StunNote.Kind.NO_OTHER_ADDRESS, null));
    } else if (other.address().version() != server.address().version()) {
      notes.add(new StunNote(StunNote.Kind.OTHER_ADDRESS_FAMILY, other.toString()));
      other = null;
    }
    if (other != null) {
      mapping = mapping(server, other, mapped1, notes);
      filtering = filtering(server, other, notes);
    }
    TransportAddress origin = first.response().responseOrigin();
    return new StunReport(
        serverText,
        local.toString(),
        mapped1.address().toString(),
        mapped1.port(),
        behindNat,
        classifier.classify(mapped1.address()).verdict(),
        other == null ? null : other.toString(),
        origin == null ? null : origin.toString(),
        mapping,
        filtering,
        notes,
        first.response().software());
  }

  private NatBehaviour mapping(
      TransportAddress primary,
      TransportAddress other,
      TransportAddress mapped1,
      List<StunNote> notes)
      throws StunException {
    TransportAddress altIpPrimaryPort = new TransportAddress(other.address(), primary.port());
    StunClient.Answer two = client.binding(altIpPrimaryPort, false, false);
    if (two == null) {
      notes.add(new StunNote(StunNote.Kind.MAPPING_NO_ANSWER, altIpPrimaryPort.toString()));
      return null;
    }
    TransportAddress mapped2 = two.response().mapped().withoutZone();
    if (mapped2.equals(mapped1)) {
      return NatBehaviour.ENDPOINT_INDEPENDENT;
    }
    StunClient.Answer three = client.binding(other, false, false);
    if (three == null) {
      notes.add(new StunNote(StunNote.Kind.MAPPING_NO_ANSWER_ALTERNATE_PORT, other.toString()));
      return null;
    }
    return three.response().mapped().withoutZone().equals(mapped2)
        ? NatBehaviour.ADDRESS_DEPENDENT
        : NatBehaviour.ADDRESS_AND_PORT_DEPENDENT;
  }

  private NatBehaviour filtering(
      TransportAddress primary, TransportAddress other, List<StunNote> notes) throws StunException {
    StunClient.Answer two = client.binding(primary, true, true);
    if (two != null) {
      if (!two.from().address().withoutZone().equals(other.address().withoutZone())) {
        notes.add(new StunNote(StunNote.Kind.CHANGE_REQUEST_IGNORED, two.from().toString()));
        return null;
      }
      return NatBehaviour.ENDPOINT_INDEPENDENT;
    }
    StunClient.Answer three = client.binding(primary, false, true);
    if (three != null) {
      if (three.from().port() == primary.port()) {
        notes.add(new StunNote(StunNote.Kind.CHANGE_REQUEST_IGNORED, three.from().toString()));
        return null;
      }
      return NatBehaviour.ADDRESS_DEPENDENT;
    }
    return NatBehaviour.ADDRESS_AND_PORT_DEPENDENT;
  }
}
