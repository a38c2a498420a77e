package dev.stackscope.cli.url;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A {@code url --get} batch on every core: the calling thread reads records in blocks (at most
 * 2,048 records or 256 KiB of text), workers render the blocks, and the calling thread writes the
 * results in input order. At most two blocks per worker are in flight, so memory stays flat
 * whatever the input's length.
 */
final class ParallelGet {
  private static final int BLOCK_RECORDS = 2048;
  private static final int BLOCK_CHARS = 256 * 1024;

  /** What a worker makes of one record: the line to print, or why the record failed. */
  record Outcome(String input, String line, String error, boolean invalid) {}

  /** Renders one record; each worker has its own (a parser holds buffers). */
  interface Renderer {
    Outcome render(String input);
  }

  /** Writes one outcome, in input order, on the calling thread. */
  interface Emitter {
    void emit(Outcome outcome) throws IOException;
  }

  private ParallelGet() {}

  /** The number of workers worth starting here: the cores, at most four. */
  static int workers() {
    return Math.min(4, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Reads every record of {@code in}, renders it with a renderer of {@code renderers} (one per
   * worker) and emits the outcomes in order. A read error stops the run after the blocks read
   * before it were emitted.
   */
  static void run(RecordReader in, int workers, Supplier<Renderer> renderers, Emitter emitter)
      throws IOException {
    ThreadLocal<Renderer> renderer = ThreadLocal.withInitial(renderers);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "url-batch");
              t.setDaemon(true);
              return t;
            });
    ArrayDeque<Future<List<Outcome>>> inFlight = new ArrayDeque<>();
    try {
      IOException readFailure = null;
      while (true) {
        List<String> block = new ArrayList<>(BLOCK_RECORDS);
        int chars = 0;
        try {
          for (String s; block.size() < BLOCK_RECORDS && chars < BLOCK_CHARS; ) {
            s = in.next();
            if (s == null) {
              break;
            }
            block.add(s);
            chars += s.length();
          }
        } catch (IOException e) {
          readFailure = e;
        }
        if (!block.isEmpty()) {
          inFlight.add(pool.submit(() -> renderAll(renderer.get(), block)));
        }
        if (readFailure != null || block.size() < BLOCK_RECORDS && chars < BLOCK_CHARS) {
          break;
        }
        if (inFlight.size() >= 2 * workers) {
          emitAll(inFlight.poll(), emitter);
        }
      }
      while (!inFlight.isEmpty()) {
        emitAll(inFlight.poll(), emitter);
      }
      if (readFailure != null) {
        throw readFailure;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Outcome> renderAll(Renderer renderer, List<String> block) {
    List<Outcome> out = new ArrayList<>(block.size());
    for (String input : block) {
      out.add(renderer.render(input));
    }
    return out;
  }

  private static void emitAll(Future<List<Outcome>> block, Emitter emitter) throws IOException {
    List<Outcome> outcomes;
    try {
      outcomes = block.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
    for (Outcome o : outcomes) {
      emitter.emit(o);
    }
  }
}
