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
   * name lookup is made (only ip's parser reads addresses), and when ADDRESS is an address the
   * name resolves to it, whatever came before.
   */
  @FuzzTest
  void hostsFile(FuzzedDataProvider data) {
    String address = data.consumeString(48).replaceAll("[\\s#]", "");
    String name = "n" + data.consumeString(16).replaceAll("[\\s#]", "").toLowerCase(java.util.Locale.ROOT);
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
}
