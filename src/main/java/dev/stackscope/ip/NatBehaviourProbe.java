package dev.stackscope.ip;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a STUN server what this host looks like from outside, and, when the server offers an
 * OTHER-ADDRESS, runs the RFC 5780 tests (section 4.3 mapping, 4.4 filtering) and names the
 * behaviour in RFC 4787 terms. All requests leave from the one local socket of the client.
 */
public final class NatBehaviourProbe {
  /** The tests of a probe, in the order they may run (RFC 5780 sections 4.3 and 4.4). */
  public enum Test {
    /** The first Binding request: the mapped address, and whether there is an OTHER-ADDRESS. */
    BINDING,
    /** Mapping test II: to the other address and the primary port. */
    MAPPING_OTHER_ADDRESS,
    /** Mapping test III: to the other address and port. */
    MAPPING_OTHER_PORT,
    /** Filtering test II: asking for the answer from the other address and port. */
    FILTERING_CHANGE_ADDRESS,
    /** Filtering test III: asking for the answer from the other port only. */
    FILTERING_CHANGE_PORT
  }

  /** Told as each test's request goes out (the probe never prints). */
  public interface Progress {
    void testing(Test test, TransportAddress server);

    Progress NONE = (test, server) -> {};
  }

  private final StunClient client;
  private final AddressClassifier classifier;
  private final Progress progress;

  public NatBehaviourProbe(StunClient client, AddressClassifier classifier) {
    this(client, classifier, Progress.NONE);
  }

  public NatBehaviourProbe(StunClient client, AddressClassifier classifier, Progress progress) {
    this.client = client;
    this.classifier = classifier;
    this.progress = progress;
  }

  private StunClient.Answer binding(
      Test test, TransportAddress server, boolean changeIp, boolean changePort)
      throws StunException {
    progress.testing(test, server);
    return client.binding(server, changeIp, changePort);
  }

  public StunReport probe(TransportAddress server, String serverText) throws StunException {
    StunClient.Answer first = binding(Test.BINDING, server, false, false);
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
    StunClient.Answer two = binding(Test.MAPPING_OTHER_ADDRESS, altIpPrimaryPort, false, false);
    if (two == null) {
      notes.add(new StunNote(StunNote.Kind.MAPPING_NO_ANSWER, altIpPrimaryPort.toString()));
      return null;
    }
    TransportAddress mapped2 = two.response().mapped().withoutZone();
    if (mapped2.equals(mapped1)) {
      return NatBehaviour.ENDPOINT_INDEPENDENT;
    }
    StunClient.Answer three = binding(Test.MAPPING_OTHER_PORT, other, false, false);
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
    StunClient.Answer two = binding(Test.FILTERING_CHANGE_ADDRESS, primary, true, true);
    if (two != null) {
      if (!two.from().address().withoutZone().equals(other.address().withoutZone())) {
        notes.add(new StunNote(StunNote.Kind.CHANGE_REQUEST_IGNORED, two.from().toString()));
        return null;
      }
      return NatBehaviour.ENDPOINT_INDEPENDENT;
    }
    StunClient.Answer three = binding(Test.FILTERING_CHANGE_PORT, primary, false, true);
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
