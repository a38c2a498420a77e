package dev.stackscope.cli.dns;

import static dev.stackscope.testing.CliRunner.stackscope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.dns.ScriptedServer;
import dev.stackscope.testing.CliRunner.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * {@code dns resolve} warns of confusable names in its answers (UTS #39, the same words as {@code
 * url}): an answer whose CNAME target is all Cyrillic and reads "apple", from a server on loopback.
 */
class DnsConfusableTest {
  @Test
  void answersWithALookAlikeNameAreMarked() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(q -> List.of(answer(q).toWire()), q -> answer(q).toWire())) {
      Result r =
          stackscope("dns", "resolve", "login.example.test", "A", "--server", server.server());
      assertEquals(0, r.exitCode(), r::toString);
      assertTrue(
          r.out()
              .contains(
                  "confusable: xn--80ak6aa92e.com.: whole-script confusable (Cyrillic + Latin);"
                      + " looks like apple.com"),
          r::toString);
      assertFalse(r.out().contains("confusable: login.example.test"), r::toString);
    }
  }

  private static Message answer(Message q) {
    try {
      Name name = q.getQuestion().getName();
      Name target = Name.fromString("xn--80ak6aa92e.com.");
      return ScriptedServer.reply(
          q,
          new CNAMERecord(name, DClass.IN, 60, target),
          new ARecord(target, DClass.IN, 60, java.net.InetAddress.getByName("192.0.2.7")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
