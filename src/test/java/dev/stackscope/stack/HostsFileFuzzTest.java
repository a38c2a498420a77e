package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.ip.InvalidAddressException;
import java.net.InetAddress;

/**
 * Fuzz target for the hosts-file reader (docs/fuzzing.md; {@code explain --hosts-file}). Without
 * JAZZER_FUZZ it replays the corpus in {@code HostsFileFuzzTestInputs/}.
 */
class HostsFileFuzzTest {
  /**
   * Any text with one line of our own appended ({@code ADDRESS NAME}): no exception escapes, no
   * name lookup is made (only ip's parser reads addresses), and when ADDRESS is an address the name
   * resolves to it, whatever came before.
   */
  @FuzzTest
  void hostsFile(FuzzedDataProvider data) {
    String address = fieldOf(data.consumeString(48));
    String name = "n" + fieldOf(data.consumeString(16)).toLowerCase(java.util.Locale.ROOT);
    String text = data.consumeRemainingAsString();
    HostsFile hosts = HostsFile.parse(text + "\n" + address + " " + name + "\n");
    InetAddress expected;
    try {
      expected = AddressParser.parse(address).withoutZone().toInetAddress();
    } catch (InvalidAddressException e) {
      return;
    }
    assertTrue(
        hosts.lookup(name).contains(expected),
        () -> name + " -> " + hosts.lookup(name) + ", expected " + expected);
  }

  /**
   * What can stand in one field of a line: no '#', no line break and no character that the reader's
   * strip() or split takes as a blank (Character.isWhitespace has U+001C–U+001F too).
   */
  private static String fieldOf(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .filter(c -> c != '#' && !Character.isWhitespace(c) && !Character.isSpaceChar(c))
        .forEach(b::appendCodePoint);
    return b.toString();
  }
}
