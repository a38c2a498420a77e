package dev.stackscope.cli.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.NatAssessment;
import dev.stackscope.ip.NatBehaviour;
import dev.stackscope.ip.StunNote;
import dev.stackscope.ip.StunReport;
import dev.stackscope.ip.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The words for nat's codes are chosen here, in the output layer, and only here. */
class NatViewTest {
  private static StunReport stun(String mapped, Verdict verdict) {
    return new StunReport(
        "stun.test:3478",
        "10.0.0.2:40000",
        mapped,
        50000,
        true,
        verdict,
        null,
        null,
        NatBehaviour.ENDPOINT_INDEPENDENT,
        null,
        List.of(),
        null);
  }

  @Test
  void behindNatNamesWhatTheServerSawAndMoreNatOnlyForANonGlobalMappedAddress() {
    String once = NatView.assessment(NatAssessment.BEHIND_NAT, stun("192.0.2.7", Verdict.GLOBAL));
    assertEquals("behind NAT: the STUN server saw 192.0.2.7:50000 instead of 10.0.0.2:40000", once);
    String twice =
        NatView.assessment(NatAssessment.BEHIND_MORE_NAT, stun("100.64.0.9", Verdict.SHARED));
    assertTrue(twice.startsWith("behind NAT: the STUN server saw 100.64.0.9:50000"), twice);
    assertTrue(twice.endsWith("(itself shared: more NAT further out, e.g. carrier-grade NAT)"));
  }

  @Test
  void everyAssessmentAndEveryNoteHasItsOwnWords() {
    Set<String> words = new HashSet<>();
    for (NatAssessment a : NatAssessment.values()) {
      String text = NatView.assessment(a, stun("100.64.0.9", Verdict.SHARED));
      assertFalse(text.isBlank(), a.name());
      words.add(text);
    }
    assertEquals(NatAssessment.values().length, words.size(), "one sentence per assessment");
    for (StunNote.Kind k : StunNote.Kind.values()) {
      String text = NatView.note(new StunNote(k, "192.0.2.1:3479"));
      assertTrue(words.add(text), k.name());
      if (k != StunNote.Kind.NO_OTHER_ADDRESS) {
        assertTrue(text.contains("192.0.2.1:3479"), text);
      }
    }
  }

  @Test
  void theJsonCodesAreKebabCase() {
    assertEquals("behind-more-nat", NatAssessment.BEHIND_MORE_NAT.toString());
    assertEquals("address-and-port-dependent", NatBehaviour.ADDRESS_AND_PORT_DEPENDENT.toString());
    assertEquals("change-request-ignored", StunNote.Kind.CHANGE_REQUEST_IGNORED.toString());
  }
}
