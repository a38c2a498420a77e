package dev.stackscope.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemeRegistryTest {
  @Test
  void knowsTheSpecialSchemesAndConnectionStringSchemes() {
    Map<String, Integer> expected =
        Map.ofEntries(
            Map.entry("http", 80),
            Map.entry("https", 443),
            Map.entry("ws", 80),
            Map.entry("wss", 443),
            Map.entry("ftp", 21),
            Map.entry("postgres", 5432),
            Map.entry("postgresql", 5432),
            Map.entry("mysql", 3306),
            Map.entry("redis", 6379),
            Map.entry("rediss", 6380),
            Map.entry("mongodb", 27017),
            Map.entry("amqp", 5672),
            Map.entry("amqps", 5671),
            Map.entry("memcached", 11211),
            Map.entry("ssh", 22),
            Map.entry("sftp", 22),
            Map.entry("ldap", 389),
            Map.entry("ldaps", 636),
            Map.entry("smtp", 25),
            Map.entry("imap", 143));
    expected.forEach(
        (scheme, port) -> assertEquals(port, SchemeRegistry.defaultPort(scheme), scheme));
    assertNull(SchemeRegistry.defaultPort("file"));
    assertNull(SchemeRegistry.defaultPort("no-such-scheme"));
  }

  /** The table agrees with the URL Standard's own default ports for the special schemes. */
  @Test
  void agreesWithTheStandardForSpecialSchemes() {
    for (String s : new String[] {"http", "https", "ws", "wss", "ftp"}) {
      assertEquals(WhatwgUrl.specialDefaultPort(s), SchemeRegistry.defaultPort(s).intValue(), s);
    }
  }
}
