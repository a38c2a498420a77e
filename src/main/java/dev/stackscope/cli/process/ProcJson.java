package dev.stackscope.cli.process;

import dev.stackscope.container.ContainerInfo;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.os.Accounts;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.process.DescriptorHeadroom;
import dev.stackscope.process.EnvironmentVariable;
import dev.stackscope.process.ProcessDetails;
import dev.stackscope.process.ProcessDetails.SignalMasks;
import dev.stackscope.process.ProcessInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON document of {@code proc --json}. */
record ProcJson(
    int pid,
    int ppid,
    int pgid,
    int sid,
    String tty,
    String state,
    String name,
    String user,
    int uid,
    int euid,
    String group,
    int gid,
    int egid,
    String executable,
    String cwd,
    List<String> command,
    Instant startTime,
    int threads,
    long rss,
    long vsz,
    long cpuTimeMillis,
    int nice,
    String unit,
    String slice,
    ContainerInfo container,
    NetworkNamespace netns,
    Map<String, Object> namespaces,
    IdentityDetails.LimitsJson limits,
    Map<String, String> env,
    Fds fds,
    Descriptors descriptors,
    List<ListeningPorts.Json> listening,
    SignalMasks signals,
    List<Ancestor> ancestors,
    List<String> denied) {

  /** stdin, stdout and stderr, and the other descriptors counted by kind. */
  record Fds(String stdin, String stdout, String stderr, Map<String, Integer> counts) {}

  record Ancestor(int pid, String name) {}

  /** Open descriptors against the soft and hard RLIMIT_NOFILE (null: unlimited). */
  record Descriptors(
      int open, Long softLimit, Long hardLimit, Integer percent, boolean nearLimit) {}

  /** {@code listening}: the process's listening sockets, null when its fds were not readable. */
  static ProcJson of(
      ProcessDetails d,
      ProcView view,
      List<SocketEntry> listening,
      Accounts accounts,
      DescriptorHeadroom headroom,
      IdentityDetails identity) {
    ProcessInfo p = d.process();
    Map<String, String> env = null;
    if (d.environment() != null) {
      env = new LinkedHashMap<>();
      for (EnvironmentVariable v : d.environment()) {
        env.putIfAbsent(v.name(), view.envValue(v));
      }
    }
    Fds fds = null;
    if (d.fds() != null) {
      fds =
          new Fds(
              view.describe(d.fds(), 0),
              view.describe(d.fds(), 1),
              view.describe(d.fds(), 2),
              ProcView.otherCounts(d.fds()));
    }
    List<Ancestor> ancestors = new ArrayList<>();
    for (ProcessInfo a : d.ancestors()) {
      ancestors.add(new Ancestor(a.pid(), a.name()));
    }
    return new ProcJson(
        p.pid(),
        p.ppid(),
        p.pgid(),
        p.sid(),
        d.tty(),
        p.state(),
        p.name(),
        p.user(),
        p.uid(),
        p.euid(),
        p.gid() < 0 ? null : accounts.groupName(p.gid()),
        p.gid(),
        p.egid(),
        p.executable(),
        d.cwd(),
        view.command(p),
        p.startTime(),
        p.threads(),
        p.rss(),
        p.vsz(),
        p.cpuTimeMillis(),
        p.nice(),
        identity.identity().unit(),
        identity.identity().slice(),
        identity.identity().container(),
        identity.netns(),
        identity.namespacesJson(),
        identity.limitsJson(),
        env,
        fds,
        headroom == null
            ? null
            : new Descriptors(
                headroom.open(),
                headroom.softLimit(),
                headroom.hardLimit(),
                headroom.percent(),
                headroom.nearLimit()),
        listening == null ? null : ListeningPorts.json(listening),
        d.signals(),
        ancestors,
        d.denied());
  }
}
