package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.stack.RuleMatch;
import dev.stackscope.stack.RuleMatch.Kind;
import org.junit.jupiter.api.Test;

/** The words of a rule match, as the snapshot (stack --json) has always had them. */
class RuleWordsTest {
  private static String words(Kind k, String v) {
    return RuleWords.of(new RuleMatch(k, v));
  }

  @Test
  void rulesByInput() {
    assertEquals("title /^nginx: /", words(Kind.TITLE, "^nginx: "));
    assertEquals("java-main org.Main", words(Kind.JAVA_MAIN, "org.Main"));
    assertEquals("java-prop -Dkafka.logs.dir", words(Kind.JAVA_PROP, "kafka.logs.dir"));
    assertEquals("argv0 haproxy", words(Kind.ARGV0, "haproxy"));
    assertEquals("program gunicorn", words(Kind.PROGRAM, "gunicorn"));
    assertEquals("comm clickhouse-serv", words(Kind.COMM, "clickhouse-serv"));
    assertEquals("exe mysqld", words(Kind.EXE, "mysqld"));
    assertEquals("port 5432", words(Kind.PORT, "5432"));
  }

  @Test
  void connectionsAndRecordedWords() {
    assertEquals("connects to broker redis", words(Kind.BROKER_CLIENT, "redis"));
    assertEquals("connects to postgres", words(Kind.CLIENT, "postgres"));
    assertEquals("proxied to by nginx", words(Kind.PROXIED, "nginx"));
    assertEquals("serves curl", words(Kind.SERVER, "curl"));
    assertEquals("argv0 x from another host", words(Kind.RECORDED, "argv0 x from another host"));
  }
}
