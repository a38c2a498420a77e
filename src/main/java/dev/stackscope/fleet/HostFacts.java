package dev.stackscope.fleet;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.net.InterfaceSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * The host a snapshot was taken on: the {@code host} object of a snapshot.
 *
 * @param name the host's name ({@code /proc/sys/kernel/hostname}), or null when unknown
 * @param machineId the machine's identity ({@code /etc/machine-id}), or null when unreadable
 * @param addresses every address of every interface, sorted, without zones
 * @param time when the snapshot was taken, ISO-8601 in UTC
 * @param version the version of stackscope that took it
 */
public record HostFacts(
    String name, String machineId, List<String> addresses, String time, String version) {
  public HostFacts {
    addresses = List.copyOf(addresses);
  }

  /** A machine-id is 32 hex digits; anything longer than this is not one. */
  private static final int MACHINE_ID_LIMIT = 128;

  /**
   * The facts of this host: its name, the machine-id in {@code machineIdFile}, the interfaces'
   * addresses and the clock's time (to the second).
   */
  public static HostFacts read(
      Path machineIdFile, InterfaceSource interfaces, Clock clock, String version) {
    TreeSet<IpAddress> sorted = new TreeSet<>(interfaces.ownAddresses());
    List<String> addresses = sorted.stream().map(IpAddress::toString).toList();
    return new HostFacts(
        interfaces.read().hostname(),
        machineId(machineIdFile),
        addresses,
        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
        version);
  }

  /** The first line of the file, or null when it is missing, unreadable, empty or too long. */
  static String machineId(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MACHINE_ID_LIMIT + 1);
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      text = nl < 0 ? text : text.substring(0, nl).strip();
      if (text.isEmpty() || bytes.length > MACHINE_ID_LIMIT || !text.matches("[0-9A-Za-z-]+")) {
        return null;
      }
      return text;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
