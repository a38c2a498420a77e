package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleClassifierTest {
  static final RoleClassifier CLASSIFIER = new RoleClassifier(RoleRules.builtIn());

  static Optional<Classification> classify(String comm, String argv, String exe, Integer... ports) {
    List<String> args = argv.isEmpty() ? List.of() : Arrays.asList(argv.split(" "));
    return CLASSIFIER.classify(new StackProcess(10, 1, comm, args, exe, "u"), Set.of(ports));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nginx|nginx: master process /usr/sbin/nginx -g daemon on;|web|nginx|high|title",
        "nginx|nginx: worker process|web|nginx|high|title",
        "postgres|postgres: 15/main: checkpointer|database|postgres|high|title",
        "redis-server|/usr/bin/redis-server 127.0.0.1:6379|cache|redis|high|title",
        "python3|[celeryd: celery@host:MainProcess] -active- (worker)|worker|celery|high|title",
        "ruby|sidekiq 6.4.1 app [0 of 10 busy]|worker|sidekiq|high|title",
        "ruby|puma 6.4.0 (tcp://0.0.0.0:3000) [app]|app|puma|high|title",
        "php-fpm8.2|php-fpm: pool www|app|php-fpm|high|title",
        "java|java -Xmx1g -cp /opt/tomcat/bin/bootstrap.jar org.apache.catalina.startup.Bootstrap start|app|tomcat|high|java-main",
        "java|java -Dcatalina.base=/var/lib/tomcat -cp x.jar com.example.Wrapper|app|tomcat|high|java-prop",
        "java|java -Xmx1G -server kafka.Kafka config/server.properties|queue|kafka|high|java-main",
        "java|java -Dx=y -cp app.jar org.springframework.boot.loader.JarLauncher|app|spring-boot|high|java-main",
        "haproxy|/usr/sbin/haproxy -f /etc/haproxy/haproxy.cfg -db|load-balancer|haproxy|high|argv0",
        "python3|/usr/bin/python3 /usr/bin/gunicorn -b 127.0.0.1:8000 app:application|app|gunicorn|high|program",
        "python3|python3 -u -m celery -A proj worker|worker|celery|high|program",
        "node|node --max-old-space-size=512 /srv/app/worker.js|worker|worker|high|program",
        "memcached|memcached -u memcache -l 127.0.0.1|cache|memcached|high|argv0",
      })
  void namesTheRoleWithItsRule(
      String comm, String argv, String role, String program, String confidence, String kind) {
    Classification c = classify(comm, argv, null).orElseThrow();
    assertEquals(role, c.role().id(), c.toString());
    assertEquals(program, c.program(), c.toString());
    assertEquals(confidence, c.confidence().toString());
    assertEquals(
        RuleMatch.Kind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_')),
        c.rule().kind(),
        c.toString());
  }

  @Test
  void titleMarkersComeBeforeNames() {
    // a redis-server process title wins over its argv0, which would name the same role anyway;
    // an nginx title on a process whose argv0 is something else still names nginx
    assertEquals(
        RuleMatch.Kind.TITLE,
        classify("x", "nginx: worker process", null).orElseThrow().rule().kind());
  }

  @Test
  void aFifteenCharacterCommIsAPrefix() {
    // no readable command line (another user's process): comm "clickhouse-serv" is truncated
    Classification c = classify("clickhouse-serv", "", null).orElseThrow();
    assertEquals(Role.DATABASE, c.role());
    assertEquals(Confidence.MEDIUM, c.confidence());
    assertEquals(new RuleMatch(RuleMatch.Kind.COMM, "clickhouse-serv"), c.rule());
    // a shorter comm is the whole name: "clickhouse-se" is not clickhouse-server
    assertTrue(classify("clickhouse-se", "", null).isEmpty());
    // and a truncated comm never matches a regex rule by accident
    assertTrue(classify("systemd-journal", "", null).isEmpty());
  }

  @Test
  void theExecutableIsTriedAfterComm() {
    Classification c = classify("srv", "", "/usr/sbin/mysqld").orElseThrow();
    assertEquals(Role.DATABASE, c.role());
    assertEquals(new RuleMatch(RuleMatch.Kind.EXE, "mysqld"), c.rule());
  }

  @Test
  void portsAreALowConfidenceHintOnly() {
    Classification c = classify("mystery", "/opt/mystery --serve", null, 5432).orElseThrow();
    assertEquals(Role.DATABASE, c.role());
    assertEquals(Confidence.LOW, c.confidence());
    assertEquals(new RuleMatch(RuleMatch.Kind.PORT, "5432"), c.rule());
    for (int port : new int[] {8000, 8080, 9000}) {
      assertTrue(
          classify("mystery", "/opt/mystery", null, port).isEmpty(), "no guess from " + port);
    }
  }

  @Test
  void interpretersAreNotThePrograms() {
    assertTrue(classify("python3", "python3 -c print(1)", "/usr/bin/python3.11").isEmpty());
    assertTrue(classify("bash", "bash", "/usr/bin/bash").isEmpty());
    assertEquals(
        "celery",
        CLASSIFIER.programOf(
            new StackProcess(1, 0, "python3", List.of("python3", "-m", "celery"), null, null)));
  }

  /**
   * The classifier looks literal names up instead of running their regexes: it must name exactly
   * the rule the regexes, tried in file order, would (whole names, and 15-character comms, which
   * may be a prefix of a literal name).
   */
  @Test
  void literalNamesAreLookedUpAsTheirRegexesWouldMatch() {
    List<RoleRules.Rule> names = RoleRules.builtIn().of(RoleRules.Kind.NAME);
    java.util.Set<String> candidates = new java.util.TreeSet<>();
    for (RoleRules.Rule r : names) {
      for (String alternative : r.pattern().split("\\|")) {
        candidates.add(alternative);
        candidates.add(alternative + "x");
        candidates.add(alternative.substring(0, alternative.length() - 1));
      }
      candidates.add(r.pattern());
    }
    candidates.addAll(
        List.of(
            "",
            "worker",
            "workers",
            "my-worker",
            "celery-worker",
            "worker.1",
            "scheduler",
            "db-scheduler",
            "php-fpm8.2",
            "php-fpm",
            "apache",
            "httpd",
            "nginx-debug",
            "rq",
            "rqworker",
            "clickhouse-serv",
            "clickhouse-server",
            "traffic_server",
            "waitress-serv",
            "huey_consumer"));
    int literal = 0;
    for (String name : candidates) {
      RoleRules.Rule expected = null;
      for (RoleRules.Rule r : names) {
        if (java.util.regex.Pattern.compile(r.pattern()).matcher(name).matches()) {
          expected = r;
          break;
        }
      }
      boolean interpreter = CLASSIFIER.isInterpreter(name);
      Optional<Classification> byExe = classify("", "", "/opt/bin/" + name);
      if (interpreter || expected == null) {
        assertTrue(byExe.isEmpty(), name + " → " + byExe);
        continue;
      }
      literal += expected.regex() == null ? 1 : 0;
      Classification c = byExe.orElseThrow(() -> new AssertionError("no rule for " + name));
      assertEquals(new RuleMatch(RuleMatch.Kind.EXE, name), c.rule());
      assertEquals(expected.role(), c.role(), name);
      assertEquals(expected.program() == null ? name : expected.program(), c.program(), name);
    }
    assertTrue(literal > 40, "most name rules are literal: " + literal);
    // a 15-character comm: a regex rule must match it whole; a literal rule's name may start with
    // it
    for (String comm :
        List.of(
            "clickhouse-serv",
            "kafka-server-st",
            "rabbitmq-server",
            "a-long-workerxx",
            "systemd-journal")) {
      RoleRules.Rule expected = null;
      for (RoleRules.Rule r : names) {
        boolean prefix =
            r.pattern().matches("[\\w|-]+")
                && java.util.Arrays.stream(r.pattern().split("\\|"))
                    .anyMatch(a -> a.startsWith(comm));
        if (java.util.regex.Pattern.compile(r.pattern()).matcher(comm).matches() || prefix) {
          expected = r;
          break;
        }
      }
      Optional<Classification> c = classify(comm, "", null);
      assertEquals(
          expected == null ? null : expected.role(),
          c.map(Classification::role).orElse(null),
          comm);
    }
  }

  @Test
  void ruleLinesSplitAsAWhitespaceRegexWould() {
    for (String line :
        List.of(
            "name  web  nginx  nginx",
            "title\tweb\t\tnginx ^nginx: (master|worker) process",
            "port database postgres 5432",
            "name web x",
            "name web",
            "a b c d  e   f",
            "x")) {
      assertEquals(List.of(line.split("\\s+", 4)), List.of(RoleRules.fields(line)), line);
    }
  }

  @Test
  void onlyNamesAndBarsAreLiteral() {
    assertTrue(RoleRules.isLiteral("haproxy"));
    assertTrue(RoleRules.isLiteral("apache2|httpd"));
    assertTrue(RoleRules.isLiteral("huey_consumer|waitress-serve"));
    assertFalse(RoleRules.isLiteral("php-fpm[0-9.]*"));
    assertFalse(RoleRules.isLiteral("a||b"), "an empty alternative matches the empty name");
    assertFalse(RoleRules.isLiteral("|a"));
    assertFalse(RoleRules.isLiteral("a|"));
    assertFalse(RoleRules.isLiteral(""));
    assertFalse(RoleRules.isLiteral("a.b"), "a dot matches any character");
  }

  @Test
  void malformedRulesNameTheirLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RoleRules.parse("# c\n\nname nowhere x y\n"));
    assertEquals("roles.rules line 3: unknown role 'nowhere'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RoleRules.parse("title web x ([\n"));
    assertTrue(e.getMessage().startsWith("roles.rules line 1: bad pattern"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RoleRules.parse("name web x\n"));
    assertEquals("roles.rules line 1: expected KIND ROLE PROGRAM PATTERN", e.getMessage());
  }
}
