package dev.stackscope.stack.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentUrlsTest {
  @Test
  void knownSchemesInUrlVariables() {
    String env =
        String.join(
            "\0",
            "PATH=/usr/bin",
            "DATABASE_URL=postgres://app:hunter2@127.0.0.1:5433/app",
            "REDIS_URL=redis://:pw@localhost/0",
            "CELERY_BROKER_URL=amqp://guest:guest@[::1]:5673//",
            "CACHE_URL=memcached://127.0.0.1",
            "PG_URL=postgresql:///app?host=/run/postgresql",
            "PG2_URL=postgres:///app?host=%2Ftmp%2Fpg&port=5433",
            "HOME_URL=https://example.com/",
            "BAD_URL=mysql://[::1",
            "MONGO=mongodb://127.0.0.1:27017",
            "");
    List<String> out = new ArrayList<>();
    for (Declaration d : EnvironmentUrls.parse(9, "python3", env)) {
      out.add(d.directive() + " " + d.target() + " @" + d.where());
      assertFalse(d.toString().contains("hunter2"), d.toString());
    }
    assertEquals(
        List.of(
            "DATABASE_URL 127.0.0.1:5433 @environment DATABASE_URL",
            "REDIS_URL localhost:6379 @environment REDIS_URL",
            "CELERY_BROKER_URL [::1]:5673 @environment CELERY_BROKER_URL",
            "CACHE_URL 127.0.0.1:11211 @environment CACHE_URL",
            "PG_URL unix:/run/postgresql/.s.PGSQL.5432 @environment PG_URL",
            "PG2_URL unix:/tmp/pg/.s.PGSQL.5433 @environment PG2_URL"),
        out);
  }
}
