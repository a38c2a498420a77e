package dev.stackscope.cli.process;

import dev.stackscope.ip.TransportAddress;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.os.Accounts;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Output;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import dev.stackscope.process.DescriptorHeadroom;
import dev.stackscope.process.EnvironmentVariable;
import dev.stackscope.process.FileDescriptor;
import dev.stackscope.process.ProcessDetails;
import dev.stackscope.process.ProcessDetails.SignalMasks;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.Secrets;
import dev.stackscope.process.SocketResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text (detail) and JSON views of {@code proc}: a separate class so that building the command
 * model at start-up does not load the domain and java.time classes these methods name.
 */
final class ProcView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Output out;
  private final boolean env;
  private final SocketResolver sockets;
  private final Accounts accounts;
  private final Clock clock;

  ProcView(Output out, boolean env, SocketResolver sockets, Accounts accounts, Clock clock) {
    this.out = out;
    this.env = env;
    this.sockets = sockets;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * The detail view. {@code listening} is the process's listening sockets, null when its
   * descriptors could not be read.
   */
  Detail detail(
      ProcessDetails d,
      List<SocketEntry> listening,
      DescriptorHeadroom headroom,
      IdentityDetails identity) {
    ProcessInfo p = d.process();
    Instant now = clock.instant();
    Detail detail =
        new Detail(Text.of("PID " + p.pid() + "  ", Style.BOLD).add(p.name(), Style.BOLD));
    Detail.Section id = detail.section("Identity");
    id.field("pid", p.pid());
    id.field(
        "ppid",
        d.ancestors().isEmpty()
            ? Integer.toString(p.ppid())
            : p.ppid() + " (" + d.ancestors().get(0).name() + ")");
    id.field("pgid, sid", p.pgid() + ", " + p.sid());
    id.field("tty", d.tty() == null ? "none" : d.tty());
    id.field("state", p.state() + " (" + stateName(p.state()) + ")");
    if (p.startTime() != null) {
      id.field(
          "started",
          TIME.format(p.startTime().atZone(clock.getZone()))
              + " ("
              + ProcessFormat.elapsed(Duration.between(p.startTime(), now))
              + " ago)");
    }
    id.field("ancestry", ancestry(p, d.ancestors()));

    Detail.Section user = detail.section("User");
    user.field(
        "user",
        who(p.uid(), accounts.userName(p.uid()))
            + (p.euid() != p.uid()
                ? ", effective " + who(p.euid(), accounts.userName(p.euid()))
                : ""));
    user.field(
        "group",
        who(p.gid(), accounts.groupName(p.gid()))
            + (p.egid() != p.gid()
                ? ", effective " + who(p.egid(), accounts.groupName(p.egid()))
                : ""));

    Detail.Section program = detail.section("Program");
    program.field("executable", orDenied(p.executable(), d, "executable", p.kernelThread()));
    program.field("cwd", orDenied(d.cwd(), d, "working directory", false));
    program.field("command", ProcessFormat.commandLine(p, out.reveal()));

    Detail.Section res = detail.section("Resources");
    res.field("threads", p.threads());
    res.field("rss", ProcessFormat.bytes(p.rss()));
    res.field("vsz", ProcessFormat.bytes(p.vsz()));
    res.field("cpu time", ProcessFormat.elapsed(Duration.ofMillis(p.cpuTimeMillis())));
    res.field("nice", p.nice());
    identity.addTo(detail);

    Detail.Section envSection = detail.section("Environment");
    if (d.environment() == null) {
      envSection.field(
          "variables", d.denied().contains("environment") ? "(permission denied)" : "none");
    } else {
      long secrets = d.environment().stream().filter(EnvironmentVariable::secret).count();
      envSection.field(
          "variables",
          d.environment().size()
              + (secrets > 0
                  ? " (" + secrets + " secret-looking" + (out.reveal() ? ")" : ", masked)")
                  : "")
              + (env ? "" : "  (values: --env)"));
      if (env) {
        for (EnvironmentVariable v : d.environment()) {
          envSection.field(v.name(), Text.of(envValue(v)));
        }
      }
    }

    Detail.Section fds = detail.section("File descriptors");
    if (d.fds() == null) {
      fds.field("all", d.denied().contains("file descriptors") ? "(permission denied)" : "none");
    } else {
      fds.field("stdin", describe(d.fds(), 0));
      fds.field("stdout", describe(d.fds(), 1));
      fds.field("stderr", describe(d.fds(), 2));
      Map<String, Integer> counts = otherCounts(d.fds());
      StringBuilder other =
          new StringBuilder().append(d.fds().stream().filter(f -> f.fd() > 2).count());
      if (!counts.isEmpty()) {
        other.append(" (");
        counts.forEach((k, n) -> other.append(n).append(' ').append(k).append(", "));
        other.setLength(other.length() - 2);
        other.append(')');
      }
      fds.field("other", other.toString());
      if (headroom != null) {
        fds.field("open", headroom(headroom));
      }
    }

    Detail.Section ports = detail.section("Listening");
    if (listening == null) {
      ports.field("ports", d.denied().contains("file descriptors") ? "(permission denied)" : "-");
    } else if (listening.isEmpty()) {
      ports.field("ports", "none");
    } else {
      for (SocketEntry l : listening) {
        ports.field(
            l.protocol()
                + (l.ipVersion() == 6 ? "6 " : " ")
                + TransportAddress.text(l.localAddress(), l.localPort()),
            l.scope() + (l.service() != null ? " (" + l.service() + ")" : ""));
      }
    }

    SignalMasks s = d.signals();
    Detail.Section sig = detail.section("Signals");
    sig.field("handles", names(s.caught()));
    sig.field("ignores", names(s.ignored()));
    sig.field("blocks", names(s.blocked()));
    sig.field("pending", names(s.pending()));
    return detail;
  }

  private static String who(int id, String name) {
    return id < 0 ? "-" : name + " (" + id + ")";
  }

  private static String orDenied(String value, ProcessDetails d, String what, boolean kernel) {
    if (value != null) {
      return value;
    }
    if (d.denied().contains(what)) {
      return "(permission denied)";
    }
    return kernel ? "none (kernel thread)" : "-";
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "none" : String.join(" ", names);
  }

  private static String ancestry(ProcessInfo p, List<ProcessInfo> ancestors) {
    StringBuilder sb = new StringBuilder(p.name()).append('(').append(p.pid()).append(')');
    for (ProcessInfo a : ancestors) {
      sb.append(" ← ").append(a.name()).append('(').append(a.pid()).append(')');
    }
    return sb.toString();
  }

  static String stateName(String state) {
    return switch (state) {
      case "R" -> "running";
      case "S" -> "sleeping";
      case "D" -> "disk sleep";
      case "Z" -> "zombie";
      case "T" -> "stopped";
      case "t" -> "tracing stop";
      case "I" -> "idle";
      case "X" -> "dead";
      case "P" -> "parked";
      default -> "unknown";
    };
  }

  String envValue(EnvironmentVariable v) {
    if (out.reveal()) {
      return v.value();
    }
    return Secrets.maskEnvironmentValue(v.name(), v.value(), Output.MASK);
  }

  /** The process's arguments, secrets masked unless --reveal. */
  List<String> command(ProcessInfo p) {
    return ProcessFormat.command(p.command(), out.reveal());
  }

  /** {@code 60 of 64 allowed (93 %), near the limit}: the soft RLIMIT_NOFILE, red from 80 %. */
  static Text headroom(DescriptorHeadroom h) {
    if (h.softLimit() == null) {
      return Text.of(h.open() + " (no limit)");
    }
    String text = h.open() + " of " + h.softLimit() + " allowed (" + h.percent() + " %)";
    return h.nearLimit() ? Text.of(text + ", near the limit", Style.RED) : Text.of(text);
  }

  /** What descriptor {@code fd} is, or "(closed)". */
  String describe(List<FileDescriptor> fds, int fd) {
    for (FileDescriptor f : fds) {
      if (f.fd() == fd) {
        if (f.kind() == FileDescriptor.Kind.SOCKET) {
          return sockets.describe(f.inode()).map(e -> f.target() + " " + e).orElse(f.target());
        }
        return f.target();
      }
    }
    return "(closed)";
  }

  /** Counts of the descriptors above 2 by kind, most common first. */
  static Map<String, Integer> otherCounts(List<FileDescriptor> fds) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (FileDescriptor f : fds) {
      if (f.fd() > 2) {
        counts.merge(f.kind().toString(), 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> b.getValue() - a.getValue());
    Map<String, Integer> sorted = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : entries) {
      sorted.put(e.getKey(), e.getValue());
    }
    return sorted;
  }
}
