package dev.stackscope.ip;

/**
 * Why a STUN behaviour test (RFC 5780) could not decide; the words are the output layer's.
 *
 * @param kind what went wrong
 * @param address the address concerned (the alternate address asked, or where the answer came
 *     from), or null
 */
public record StunNote(Kind kind, String address) {

  /** What kept a mapping or filtering test from deciding. */
  public enum Kind {
    /** The server offers no OTHER-ADDRESS: no behaviour test is possible. */
    NO_OTHER_ADDRESS("no-other-address"),
    /** OTHER-ADDRESS is of the other address family: not tested. */
    OTHER_ADDRESS_FAMILY("other-address-family"),
    /** Mapping test II: no answer from the alternate address (primary port). */
    MAPPING_NO_ANSWER("mapping-no-answer"),
    /** Mapping test III: no answer from the alternate address and port. */
    MAPPING_NO_ANSWER_ALTERNATE_PORT("mapping-no-answer-alternate-port"),
    /** Filtering: the server answered a CHANGE-REQUEST from the address it was sent to. */
    CHANGE_REQUEST_IGNORED("change-request-ignored");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    @Override
    public String toString() {
      return code;
    }
  }
}
