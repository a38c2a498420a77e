package dev.stackscope.stack;

import java.util.Locale;

/** What a component does in the stack, in the order a request flows through them. */
public enum Role {
  LOAD_BALANCER("load-balancer", "load balancer"),
  HTTP_CACHE("http-cache", "HTTP cache"),
  WEB("web", "web server / reverse proxy"),
  APP("app", "app server"),
  CACHE("cache", "cache"),
  DATABASE("database", "database"),
  QUEUE("queue", "queue / broker"),
  WORKER("worker", "job runner / worker"),
  SCHEDULER("scheduler", "scheduler"),
  OTHER("other", "other (connected to the stack)");

  private final String id;
  private final String title;

  Role(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The role's name in JSON and in the rules file, e.g. {@code load-balancer}. */
  public String id() {
    return id;
  }

  /** The heading of the text view. */
  public String title() {
    return title;
  }

  /** The role named {@code id} in the rules file; throws on an unknown name. */
  public static Role byId(String id) {
    for (Role r : values()) {
      if (r.id.equals(id.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + id + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
