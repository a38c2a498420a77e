package dev.stackscope.ip;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a STUN server what this host looks like from outside, and, when the server offers an
 * OTHER-ADDRESS, runs the RFC 5780 tests (section 4.3 mapping, 4.4 filtering) and names the
 * behaviour in RFC 4787 terms. All requests leave from the one local socket of the client.
 */
public final class NatBehaviourProbe {
  public static final String INDEPENDENT = "endpoint-independent";
  public static final String ADDRESS = "address-dependent";
  public static final String ADDRESS_AND_PORT = "address-and-port-dependent";

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
    List<String> notes = new ArrayList<>();
    String mapping = null;
    String filtering = null;
    if (other == null) {
      notes.add(
          "the server offers no OTHER-ADDRESS: mapping and filtering behaviour cannot be tested (RFC 5780)");
    } else if (other.address().version() != server.address().version()) {
      notes.add("OTHER-ADDRESS " + other + " is of another address family: behaviour not tested");
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

  private String mapping(
      TransportAddress primary,
      TransportAddress other,
      TransportAddress mapped1,
      List<String> notes)
      throws StunException {
    TransportAddress altIpPrimaryPort = new TransportAddress(other.address(), primary.port());
    StunClient.Answer two = client.binding(altIpPrimaryPort, false, false);
    if (two == null) {
      notes.add("mapping: no answer from the alternate address " + altIpPrimaryPort);
      return null;
    }
    TransportAddress mapped2 = two.response().mapped().withoutZone();
    if (mapped2.equals(mapped1)) {
      return INDEPENDENT;
    }
    StunClient.Answer three = client.binding(other, false, false);
    if (three == null) {
      notes.add("mapping: no answer from the alternate address and port " + other);
      return null;
    }
    return three.response().mapped().withoutZone().equals(mapped2) ? ADDRESS : ADDRESS_AND_PORT;
  }

  private String filtering(TransportAddress primary, TransportAddress other, List<String> notes)
      throws StunException {
    StunClient.Answer two = client.binding(primary, true, true);
    if (two != null) {
      if (!two.from().address().withoutZone().equals(other.address().withoutZone())) {
        notes.add(
            "filtering: the server ignored CHANGE-REQUEST (answered from " + two.from() + ")");
        return null;
      }
      return INDEPENDENT;
    }
    StunClient.Answer three = client.binding(primary, false, true);
    if (three != null) {
      if (three.from().port() == primary.port()) {
        notes.add(
            "filtering: the server ignored CHANGE-REQUEST (answered from " + three.from() + ")");
        return null;
      }
      return ADDRESS;
    }
    return ADDRESS_AND_PORT;
  }
}
