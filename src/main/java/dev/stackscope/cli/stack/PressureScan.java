package dev.stackscope.cli.stack;

import dev.stackscope.host.Host;
import dev.stackscope.net.ListenPressure;
import dev.stackscope.net.ListenQueues;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.net.UnixQuery;
import dev.stackscope.net.UnixSocket;
import dev.stackscope.os.Sleeper;
import dev.stackscope.stack.ComponentMeter;
import dev.stackscope.stack.DeclaredEdges;
import dev.stackscope.stack.HostSnapshot;
import dev.stackscope.stack.RoleClassifier;
import dev.stackscope.stack.StackInputs;
import dev.stackscope.stack.StackMapper;
import dev.stackscope.stack.StackPressure;
import dev.stackscope.stack.StackProcess;
import dev.stackscope.stack.StackSampler;
import dev.stackscope.stack.note.Note;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One map of the stack with its pressure: the snapshots (or {@code --sample}), with the listeners'
 * queues watched and the overflow counters read around them; then resources, edge states and the
 * declared connections.
 */
final class PressureScan {
  /** CPU use is measured over at least this long when no --sample is given. */
  static final Duration DEFAULT_CPU_SAMPLE = Duration.ofMillis(200);

  private PressureScan() {}

  /**
   * @param snapshot this namespace's host snapshot (sockets, processes, resources)
   * @param source what the map is made from: {@code snapshot}, or it and the other network
   *     namespaces' sockets ({@code stack --netns all})
   * @param sampled whether --sample was given (then its duration, zero included, is the CPU window:
   *     zero means no CPU figure)
   */
  static StackMapper.Result scan(
      Host host,
      HostSnapshot snapshot,
      StackSampler.Snapshot source,
      RoleClassifier classifier,
      Duration duration,
      boolean sampled,
      Consumer<Duration> countdown)
      throws IOException, InterruptedException {
    boolean watchQueues = sampled && !duration.isZero();
    ListenPressure.Recorder recorder =
        watchQueues ? new ListenPressure.Recorder(host.netStat()) : null;
    long start = System.nanoTime();
    StackSampler.Snapshot each =
        new StackSampler.Snapshot() {
          @Override
          public StackInputs take() throws IOException, InterruptedException {
            StackInputs in = source.take();
            if (recorder != null) {
              recorder.saw(host.listenQueues());
              countdown.accept(
                  duration.minus(Duration.ofNanos(System.nanoTime() - start)).isNegative()
                      ? Duration.ofMillis(1)
                      : duration.minus(Duration.ofNanos(System.nanoTime() - start)));
            }
            return in;
          }

          @Override
          public String user(StackProcess p) {
            return source.user(p);
          }
        };
    StackInputs inputs =
        new StackSampler(each, Sleeper.THREAD, StackCommand.SAMPLE_INTERVAL).sample(duration);
    countdown.accept(Duration.ZERO);
    ListenPressure sample = recorder == null ? null : recorder.finish(host.netStat(), duration);
    StackMapper.Result mapped = new StackMapper(classifier, source).map(inputs);
    DeclaredEdges.Found declared =
        new DeclaredEdges(host.proc()).find(mapped.map(), inputs.processes());
    boolean unixDeclared = false;
    for (var d : declared.declarations()) {
      unixDeclared |= d.unixPath() != null;
    }
    // one more walk over every process's descriptors: only when a Unix socket was declared
    Map<String, List<Integer>> unixListeners = unixDeclared ? unixListeners(host) : Map.of();
    ListenQueues queues = host.listenQueues();
    boolean cpu = !sampled || !duration.isZero();
    if (!sampled) {
      long left = DEFAULT_CPU_SAMPLE.toNanos() - (System.nanoTime() - snapshot.firstNanos());
      if (left > 0) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    }
    var resources =
        new ComponentMeter(snapshot.processSource(), host.proc())
            .measure(mapped.map(), cpu ? snapshot.firstProcesses() : null, snapshot.firstNanos());
    StackPressure.Result r =
        StackPressure.apply(
            mapped.map(),
            new StackPressure.Inputs(
                snapshot.lastSockets(),
                inputs.localAddresses(),
                queues,
                sample,
                resources,
                declared.declarations(),
                unixListeners));
    List<Note> notes = new ArrayList<>(mapped.notes());
    notes.addAll(r.notes());
    notes.addAll(declared.notes());
    return new StackMapper.Result(r.map(), notes);
  }

  /** The holders of each listening Unix socket by path (none without netlink). */
  private static Map<String, List<Integer>> unixListeners(Host host) {
    Map<String, List<Integer>> out = new HashMap<>();
    for (UnixSocket s :
        host.unixSockets().sockets(new UnixQuery(false, null, null, null)).sockets()) {
      if (s.name() == null) {
        continue;
      }
      List<Integer> pids = out.computeIfAbsent(s.name(), k -> new ArrayList<>());
      for (SocketOwner o : s.owners()) {
        pids.add(o.pid());
      }
    }
    return out;
  }
}
