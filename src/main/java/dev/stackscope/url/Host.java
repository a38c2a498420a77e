package dev.stackscope.url;

/**
 * A parsed host: its kind and its serialisation ({@code example.com}, {@code 192.0.2.1}, {@code
 * [2001:db8::1]}, an opaque host's percent-encoded text, or {@code ""}).
 */
public record Host(HostType type, String serialized) {
  static final Host EMPTY = new Host(HostType.EMPTY, "");
}
