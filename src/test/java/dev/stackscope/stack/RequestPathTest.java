package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.stack.RequestPath.PathHop;
import dev.stackscope.stack.StackMap.Component;
import dev.stackscope.stack.StackMap.Edge;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPathTest {
  static Component c(String id, Role role, int pid) {
    return new Component(
        id,
        role,
        id,
        List.of(pid, pid + 1),
        "root",
        new RuleMatch(RuleMatch.Kind.ARGV0, id),
        Confidence.HIGH,
        List.of());
  }

  static final StackMap MAP =
      new StackMap(
          List.of(
              c("haproxy", Role.LOAD_BALANCER, 10),
              c("nginx", Role.WEB, 20),
              c("gunicorn", Role.APP, 30),
              c("uwsgi", Role.APP, 40),
              c("postgres", Role.DATABASE, 50),
              c("redis", Role.CACHE, 60)),
          List.of(
              new Edge("haproxy", "nginx", 8080, 2),
              new Edge("nginx", "gunicorn", 8000, 3),
              new Edge("nginx", "uwsgi", 8001, 1),
              new Edge("gunicorn", "postgres", 5432, 4),
              new Edge("gunicorn", "redis", 6379, 9),
              new Edge("gunicorn", "nginx", 8080, 5)), // a callback: not walked twice
          List.of());

  @Test
  void followsTheBusiestCarrierUntilADataStore() {
    assertEquals(
        List.of(
            new PathHop("haproxy", "haproxy", "load-balancer", 10, 443),
            new PathHop("nginx", "nginx", "web", 20, 8080),
            new PathHop("gunicorn", "gunicorn", "app", 30, 8000)),
        RequestPath.follow(MAP, List.of(11), 443));
  }

  @Test
  void startsAtTheListenersComponentOrNowhere() {
    assertEquals(
        List.of("nginx", "gunicorn"),
        RequestPath.follow(MAP, List.of(20), 8080).stream().map(PathHop::component).toList());
    assertEquals(List.of(), RequestPath.follow(MAP, List.of(999), 80));
  }
}
