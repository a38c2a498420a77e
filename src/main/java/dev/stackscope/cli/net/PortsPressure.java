package dev.stackscope.cli.net;

import dev.stackscope.cli.DurationOption;
import dev.stackscope.cli.StackscopeCommand;
import dev.stackscope.host.Host;
import dev.stackscope.ip.TransportAddress;
import dev.stackscope.net.ListenPressure;
import dev.stackscope.net.ListenQueue;
import dev.stackscope.net.ListenQueues;
import dev.stackscope.net.ListenSampler;
import dev.stackscope.net.PortReport;
import dev.stackscope.net.Protocol;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.net.SocketOwner;
import dev.stackscope.os.Sleeper;
import dev.stackscope.output.Output;
import dev.stackscope.output.ProgressLine;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The accept queues in {@code ports} (the QUEUE column) and {@code ports --sample}. */
public final class PortsPressure {
  private PortsPressure() {}

  /** --sample's value, or a usage error (a picocli exception: validate() maps it to exit 2). */
  static Duration duration(String text, boolean unix, boolean watch) {
    if (unix || watch) {
      throw new IllegalArgumentException(
          "--sample watches the TCP listeners: it cannot be combined with --unix or --watch");
    }
    Duration d;
    try {
      d = DurationOption.parse(text, DurationOption.BareUnit.SECONDS);
    } catch (IllegalArgumentException e) {
      d = null;
    }
    if (d == null || d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "--sample needs a duration from 1ms up to 1h such as 5s or 500ms, not '" + text + "'");
    }
    return d;
  }

  /** The queues, when TCP sockets are listed; null otherwise. */
  static ListenQueues queues(Host host, Set<Protocol> protocols) {
    return protocols.contains(Protocol.TCP) ? host.listenQueues() : null;
  }

  /** Samples the listeners of {@code host} for {@code d}, with a countdown on a terminal. */
  static ListenPressure sample(Host host, Duration d, Output out, StackscopeCommand root)
      throws InterruptedException {
    try (SampleCountdown countdown = countdown(out, root)) {
      return new ListenSampler(host::listenQueues, host::netStat, Sleeper.THREAD)
          .sample(d, countdown);
    }
  }

  /** The countdown of a {@code --sample} on the run's progress line (stderr a terminal). */
  public static SampleCountdown countdown(Output out, StackscopeCommand root) {
    return new SampleCountdown(ProgressLine.forRun(out.stderr(), root.terminal()));
  }

  /** A TCP listener's queue, or null. */
  static ListenQueue queue(SocketEntry s, ListenQueues queues) {
    if (queues == null || s.protocol() != Protocol.TCP || !s.isListening() || s.inode() == 0) {
      return null;
    }
    return queues.byInode(s.inode());
  }

  /** {@code 0/511}; {@code FULL 2/1} in red at the limit; empty for other sockets. */
  static Text cell(ListenQueue q) {
    if (q == null) {
      return Text.empty();
    }
    return q.full() ? Text.of("FULL " + q.text(), Style.BOLD_RED) : Text.of(q.text());
  }

  /** After the table: what the sample saw, when there was one. */
  static void summary(Output out, ListenPressure p, PortReport report) {
    if (p == null) {
      return;
    }
    out.blank();
    out.line(Text.of(summaryLine(p, report), p.any() ? Style.BOLD_YELLOW : Style.DIM));
  }

  /**
   * "During 5s: ListenOverflows +12, ListenDrops +12; seen full: 127.0.0.1:8000 (python3 pid 12,
   * 2/1)".
   */
  static String summaryLine(ListenPressure p, PortReport report) {
    StringBuilder b = new StringBuilder("During ");
    b.append(DurationOption.BareUnit.SECONDS.format(p.duration())).append(": ");
    if (p.listenOverflows() == null) {
      b.append("ListenOverflows and ListenDrops unknown (no /proc/net/netstat)");
    } else {
      b.append("ListenOverflows +")
          .append(p.listenOverflows())
          .append(", ListenDrops +")
          .append(p.listenDrops());
    }
    if (p.seenFull().isEmpty()) {
      b.append("; no accept queue seen full");
    } else {
      List<String> full = new ArrayList<>();
      for (ListenQueue q : p.seenFull()) {
        full.add(TransportAddress.text(q.address(), q.port()) + owner(q, report) + " " + q.text());
      }
      b.append("; seen full: ").append(String.join(", ", full));
    }
    return b.toString();
  }

  private static String owner(ListenQueue q, PortReport report) {
    for (SocketEntry s : report.sockets()) {
      if (s.inode() == q.inode() && !s.owners().isEmpty()) {
        SocketOwner o = s.owners().get(0);
        return " (" + o.process() + " pid " + o.pid() + ")";
      }
    }
    return "";
  }
}
