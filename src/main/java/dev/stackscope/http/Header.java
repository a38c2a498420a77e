package dev.stackscope.http;

/** One header field as received or sent: the name as written, the value with OWS trimmed. */
public record Header(String name, String value) {
  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }
}
