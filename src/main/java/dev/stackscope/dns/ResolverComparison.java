package dev.stackscope.dns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The same questions to several resolvers at once (a propagation check): one thread per resolver
 * asks its questions in order, so a resolver's connection (DoT) serves all of them; the answers are
 * then set side by side and the ones that differ from the most common answer are marked.
 */
public final class ResolverComparison {
  /** One question's answers, one per resolver, in the order the resolvers were given. */
  public record Comparison(String name, String type, boolean agree, List<ServerAnswer> servers) {}

  /**
   * One resolver's answer; {@code differs}: its rcode or answer records (TTLs aside) are not the
   * most common ones (on a tie, the first resolver's).
   */
  public record ServerAnswer(String server, boolean differs, Resolution resolution) {}

  /** A question: a name and a type. */
  public record Question(QueryName name, int type) {}

  private ResolverComparison() {}

  /** Asks every question of {@code questions} of every resolver, the resolvers in parallel. */
  public static List<Comparison> compare(
      List<StubResolver> resolvers, List<String> labels, List<Question> questions)
      throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            resolvers.size(),
            r -> {
              Thread t = new Thread(r, "dns-compare");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<List<Resolution>>> futures = new ArrayList<>();
      for (StubResolver stub : resolvers) {
        futures.add(
            pool.submit(
                () -> {
                  List<Resolution> mine = new ArrayList<>();
                  for (Question q : questions) {
                    mine.add(stub.resolve(q.name(), q.type()));
                  }
                  return mine;
                }));
      }
      List<List<Resolution>> byServer = new ArrayList<>();
      for (Future<List<Resolution>> f : futures) {
        try {
          byServer.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        }
      }
      List<Comparison> result = new ArrayList<>();
      for (int q = 0; q < questions.size(); q++) {
        List<Resolution> answers = new ArrayList<>();
        for (List<Resolution> server : byServer) {
          answers.add(server.get(q));
        }
        result.add(side(answers, labels));
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sets one question's answers side by side and marks the odd ones out. */
  static Comparison side(List<Resolution> answers, List<String> labels) {
    Map<String, Integer> count = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (Resolution r : answers) {
      String k = key(r);
      keys.add(k);
      count.merge(k, 1, Integer::sum);
    }
    String common = keys.get(0);
    for (String k : keys) {
      if (count.get(k) > count.get(common)) {
        common = k;
      }
    }
    List<ServerAnswer> out = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      out.add(new ServerAnswer(labels.get(i), !keys.get(i).equals(common), answers.get(i)));
    }
    Resolution first = answers.get(0);
    return new Comparison(first.name(), first.type(), count.size() == 1, List.copyOf(out));
  }

  /** What is compared: the rcode and the answer's records without their TTLs. */
  static String key(Resolution r) {
    TreeSet<String> data = new TreeSet<>();
    for (RecordData d : r.answer()) {
      data.add(d.name().toLowerCase(java.util.Locale.ROOT) + " " + d.type() + " " + d.data());
    }
    return r.rcode() + "|" + String.join("\n", data);
  }
}
