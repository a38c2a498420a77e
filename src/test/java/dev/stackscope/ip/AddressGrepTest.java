package dev.stackscope.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The boundary rules of {@link AddressGrep}, one by one, and its reading of a stream. */
class AddressGrepTest {
  private static List<String> found(String line) {
    return AddressGrep.find(line).stream().map(h -> h.address().toString()).toList();
  }

  @Test
  void addressesInLogLinesAndForwardedForChains() {
    assertEquals(
        List.of("203.0.113.9", "10.1.1.1", "2001:db8::7"),
        found("X-Forwarded-For: 203.0.113.9, 10.1.1.1,2001:DB8::7"));
    assertEquals(
        List.of("10.0.0.1", "10.0.0.9"), found("range=10.0.0.1-10.0.0.9;"), "'-' is a boundary");
    assertEquals(List.of("10.0.0.1"), found("client 10.0.0.1:51234 connected"));
    assertEquals(List.of("2001:db8::1"), found("GET [2001:db8::1]:443/x"));
    assertEquals(List.of("10.0.0.0"), found("route 10.0.0.0/8 via"));
    assertEquals(List.of("::ffff:1.2.3.4"), found("peer ::ffff:1.2.3.4 closed"));
    assertEquals(List.of("fe80::1%eth0"), found("neighbour fe80::1%eth0 REACHABLE"));
    assertEquals(List.of("fe80::1"), found("addr:fe80::1 up"), "after key and one ':'");
    assertEquals(List.of("10.0.0.7"), found("user=bob:10.0.0.7 ok"));
  }

  @Test
  void sentencesEndButVersionsAndWordsDoNotMatch() {
    assertEquals(List.of("192.168.1.1"), found("It came from 192.168.1.1."));
    assertEquals(List.of("2001:db8::1"), found("from 2001:db8::1: refused"));
    assertEquals(List.of(), found("openssl 1.1.1.1.2 and v2.3.4.5"), "version strings");
    assertEquals(List.of(), found("lib 1.2.3.4.5"), "five parts");
    assertEquals(List.of(), found("host10.0.0.1 10.0.0.1abc 10.0.0.1.example _10.0.0.1"));
    assertEquals(List.of(), found("..10.0.0.1 010.0.0.1 256.1.1.1 1.2.3"));
    assertEquals(List.of(), found("at 12:34:56.789 mac 00:1a:2b:3c:4d:5e"));
    assertEquals(List.of(), found("std::vector Foo::Bar a :: b"), "'::' alone is no address");
    assertEquals(List.of("::"), found("listening on [::]:80"), "but in brackets it is");
    assertEquals(List.of(), found("deadbeef::1 2001:db8::1g"));
  }

  @Test
  void columnsCountBytesFromOneAndTheTextIsWhereTheColumnSays() {
    String line = "é 10.0.0.1 [::1]";
    List<AddressGrep.Hit> hits = AddressGrep.find(line);
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    assertEquals(4, hits.get(0).column(), "é is two bytes");
    assertEquals(8, hits.get(0).length());
    assertEquals(
        "::1",
        new String(b, hits.get(1).column() - 1, hits.get(1).length(), StandardCharsets.UTF_8));
  }

  @Test
  void streamsLinesAcrossReadsWithLineNumbers() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    Random rnd = new Random(7);
    for (int i = 1; i <= 50_000; i++) {
      text.append("line ").append(i).append(" of filler ").append("x".repeat(rnd.nextInt(90)));
      if (i % 7 == 0) {
        IpAddress a = IpAddress.v4(rnd.nextInt() & 0xFFFF_FFFFL);
        text.append(" from ").append(a).append(" end");
        expected.add(i + " " + a);
      }
      text.append(i % 3 == 0 ? "\r\n" : "\n");
    }
    text.append("last line without newline 2001:db8::5");
    expected.add("50001 2001:db8::5");
    List<String> got = new ArrayList<>();
    new AddressGrep(1 << 20)
        .scan(trickle(text.toString()), (line, col, len, a) -> got.add(line + " " + a));
    assertEquals(expected, got);
  }

  @Test
  void aLineOverTheLimitStops() {
    byte[] b = ("ok 10.0.0.1\n" + "y".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8);
    AddressGrep.LineTooLongException e =
        assertThrows(
            AddressGrep.LineTooLongException.class,
            () -> new AddressGrep(1000).scan(new ByteArrayInputStream(b), (l, c, n, a) -> {}));
    assertEquals("line 2 is longer than 1000 bytes (the limit)", e.getMessage());
  }

  /** Reads of odd sizes, so that lines and addresses straddle the reads. */
  private static InputStream trickle(String s) {
    byte[] all = s.getBytes(StandardCharsets.UTF_8);
    return new ByteArrayInputStream(all) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 4093));
      }
    };
  }

  /**
   * Fuzzing finding: a second address began inside the first one's zone, and the finds overlapped.
   */
  @Test
  void scanningGoesOnAfterAZoneSoFindsNeverOverlap() {
    List<AddressGrep.Hit> hits = AddressGrep.find("x fe80::2%e::2%eth0 y");
    assertEquals(1, hits.size(), hits.toString());
    assertEquals(3, hits.get(0).column());
    assertEquals("fe80::2%e", hits.get(0).address().toString());
  }
}
