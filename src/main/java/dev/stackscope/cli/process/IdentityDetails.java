package dev.stackscope.cli.process;

import dev.stackscope.container.Cgroups;
import dev.stackscope.container.ContainerConfig;
import dev.stackscope.container.ContainerInfo;
import dev.stackscope.container.Namespaces;
import dev.stackscope.container.ProcessIdentities;
import dev.stackscope.container.ProcessIdentities.Identity;
import dev.stackscope.container.ResourceLimits;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.output.Detail;
import dev.stackscope.output.Style;
import dev.stackscope.output.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code proc} shows of a process's unit, container, namespaces and cgroup limits: read once,
 * then written as detail sections or as JSON.
 *
 * @param identity unit, slice, container
 * @param namespaces the process's namespaces (-1: unreadable)
 * @param host the host's namespaces they are compared with
 * @param hostPid whose namespaces are the host's: 1, 2 (a kernel thread, PID 1's unreadable) or 0
 * @param netns the network namespace named
 * @param limits cgroup limits against use
 */
record IdentityDetails(
    Identity identity,
    Namespaces namespaces,
    Namespaces host,
    int hostPid,
    NetworkNamespace netns,
    ResourceLimits limits) {

  static IdentityDetails read(ProcessIdentities ids, int pid) {
    Cgroups cgroups = ids.cgroups(pid);
    Identity identity = ids.identity(cgroups);
    Namespaces ns = ids.namespaces(pid);
    return new IdentityDetails(
        identity,
        ns,
        ids.hostNamespaces(),
        ids.hostReference(),
        ids.netns(ns.net(), identity),
        ids.limits(cgroups));
  }

  /** Whether the namespace of {@code kind} is the host's; null when either is unknown. */
  Boolean hostsOwn(String kind) {
    long mine = namespaces.of(kind);
    long theirs = host.of(kind);
    return mine < 0 || theirs < 0 ? null : mine == theirs;
  }

  /** The sections "Unit and container", "Namespaces" and "Limits". */
  void addTo(Detail detail) {
    Detail.Section unit = detail.section("Unit and container");
    unit.field(
        "unit",
        identity.unit() == null
            ? "none"
            : identity.unit() + (identity.slice() != null ? " (" + identity.slice() + ")" : ""));
    ContainerInfo c = identity.container();
    if (c == null) {
      unit.field("container", "none");
    } else {
      unit.field("container", c.name() == null ? "(name not known)" : c.name());
      unit.field("runtime", c.runtime());
      unit.field("id", c.id());
      if (c.image() != null) {
        unit.field("image", c.image());
      }
      if (c.pod() != null) {
        unit.field("pod", (c.podNamespace() != null ? c.podNamespace() + "/" : "") + c.pod());
      }
      ContainerConfig conf = c.configured();
      if (conf != null) {
        if (conf.networkMode() != null) {
          unit.field("network", conf.networkMode());
        }
        if (conf.restartPolicy() != null) {
          unit.field(
              "restart",
              conf.restartPolicy()
                  + (conf.restartRetries() != null
                      ? " (" + conf.restartRetries() + " tries)"
                      : ""));
        }
        if (!conf.portBindings().isEmpty()) {
          unit.field("published", published(conf.portBindings()));
        }
      }
    }

    Detail.Section ns = detail.section("Namespaces");
    if (namespaces.equals(Namespaces.UNKNOWN)) {
      ns.field("all", "(not readable)");
    }
    for (String kind : namespaces.equals(Namespaces.UNKNOWN) ? new String[0] : Namespaces.KINDS) {
      long inode = namespaces.of(kind);
      if (inode < 0) {
        ns.field(kind, "(not readable)");
        continue;
      }
      Boolean own = hostsOwn(kind);
      String text = Long.toString(inode);
      if (own != null) {
        text += own ? " (the host's)" : " (another)";
      }
      if (kind.equals("net")
          && netns != null
          && netns.name() != null
          && !Boolean.TRUE.equals(own)) {
        text += " " + netns.name();
      }
      ns.field(kind, text);
    }
    if (hostPid == 2) {
      ns.field("host's", "those of kthreadd (PID 2): PID 1's are not readable");
    } else if (hostPid == 0) {
      ns.field("host's", "not known: neither PID 1's nor kthreadd's are readable");
    }

    Detail.Section lim = detail.section("Limits");
    if (limits.equals(ResourceLimits.NONE)) {
      lim.field("cgroup", "none found");
      return;
    }
    ResourceLimits.Usage memory = limits.memory();
    lim.field("memory", memory == null ? Text.of("-") : usage(memory, true));
    ResourceLimits.CpuQuota cpu = limits.cpu();
    lim.field("cpu", cpu == null ? Text.of("-") : cpu(cpu));
    ResourceLimits.Usage pids = limits.pids();
    lim.field("pids", pids == null ? Text.of("-") : usage(pids, false));
    String configured = configuredLimits(identity.container());
    if (configured != null) {
      lim.field("configured", configured);
    }
    for (Map.Entry<String, ResourceLimits.Pressure> e : limits.pressure().entrySet()) {
      ResourceLimits.Pressure p = e.getValue();
      lim.field(
          e.getKey() + " pressure",
          String.format(
              Locale.ROOT,
              "some %.2f %% (10 s), %.2f %% (60 s)%s",
              p.some10(),
              p.some60(),
              p.full10() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; full %.2f %% (10 s), %.2f %% (60 s)",
                      p.full10(),
                      p.full60())));
    }
  }

  /** {@code 127.0.0.1:18081 → 8080/tcp, …} */
  private static String published(List<ContainerConfig.PortBinding> bindings) {
    StringBuilder sb = new StringBuilder();
    for (ContainerConfig.PortBinding b : bindings) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      String ip =
          b.hostIp() == null ? "*" : b.hostIp().contains(":") ? "[" + b.hostIp() + "]" : b.hostIp();
      sb.append(ip)
          .append(':')
          .append(b.hostPort() == null ? "(any)" : b.hostPort().toString())
          .append(" → ")
          .append(b.containerPort())
          .append('/')
          .append(b.protocol());
    }
    return sb.toString();
  }

  /** The limits the runtime was asked for ({@code memory 64.0M, 0.5 CPU, pids 100}), or null. */
  private static String configuredLimits(ContainerInfo c) {
    ContainerConfig conf = c == null ? null : c.configured();
    if (conf == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (conf.memory() != null) {
      parts.add("memory " + ProcessFormat.bytes(conf.memory()));
    }
    if (conf.cpus() != null) {
      parts.add(trim(conf.cpus()) + " CPU");
    }
    if (conf.pidsLimit() != null) {
      parts.add("pids " + conf.pidsLimit());
    }
    return (parts.isEmpty() ? "no limits" : String.join(", ", parts)) + " (" + c.runtime() + ")";
  }

  private static Text usage(ResourceLimits.Usage u, boolean bytes) {
    String current =
        u.current() < 0
            ? "?"
            : bytes ? ProcessFormat.bytes(u.current()) : Long.toString(u.current());
    if (u.max() == null) {
      return Text.of(current + " (no limit)");
    }
    String max = bytes ? ProcessFormat.bytes(u.max()) : Long.toString(u.max());
    Integer pct = u.percent();
    String text =
        current
            + " of "
            + max
            + (pct != null ? " (" + pct + " %)" : "")
            + (u.inheritedFrom() != null ? ", set by " + u.inheritedFrom() : "");
    return u.nearLimit() ? Text.of(text + ", near the limit", Style.RED) : Text.of(text);
  }

  private static Text cpu(ResourceLimits.CpuQuota q) {
    String text =
        q.cpus() == null
            ? "no quota"
            : String.format(
                Locale.ROOT,
                "quota %s CPU (%d µs per %d µs)",
                trim(q.cpus()),
                q.quotaMicros(),
                q.periodMicros());
    if (q.inheritedFrom() != null) {
      text += ", set by " + q.inheritedFrom();
    }
    Integer t = q.throttledPercent();
    if (t != null) {
      text += ", throttled in " + t + " % of " + q.periods() + " periods";
    }
    return q.nearLimit() ? Text.of(text + ", near the limit", Style.RED) : Text.of(text);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** The JSON of {@code namespaces}: each kind's inode and whether it is the host's. */
  Map<String, Object> namespacesJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String kind : Namespaces.KINDS) {
      long inode = namespaces.of(kind);
      out.put(kind, inode < 0 ? null : new NamespaceJson(inode, hostsOwn(kind)));
    }
    out.put("hostReferencePid", hostPid == 0 ? null : hostPid);
    return out;
  }

  /** A namespace in JSON: its inode and whether it is the host's (null: unknown). */
  record NamespaceJson(long inode, Boolean host) {}

  /** The JSON of {@code limits}. */
  LimitsJson limitsJson() {
    ResourceLimits.CpuQuota q = limits.cpu();
    Map<String, ResourceLimits.Pressure> pressure = new LinkedHashMap<>(limits.pressure());
    return new LimitsJson(
        usageJson(limits.memory()),
        q == null
            ? null
            : new CpuJson(
                q.quotaMicros(),
                q.periodMicros(),
                q.cpus(),
                q.periods() < 0 ? null : q.periods(),
                q.throttled() < 0 ? null : q.throttled(),
                q.throttledPercent(),
                q.nearLimit(),
                q.inheritedFrom()),
        usageJson(limits.pids()),
        pressure);
  }

  private static UsageJson usageJson(ResourceLimits.Usage u) {
    return u == null
        ? null
        : new UsageJson(
            u.max(),
            u.current() < 0 ? null : u.current(),
            u.percent(),
            u.nearLimit(),
            u.inheritedFrom());
  }

  /** {@code limits} in JSON; a part is null when its controller is absent. */
  record LimitsJson(
      UsageJson memory,
      CpuJson cpu,
      UsageJson pids,
      Map<String, ResourceLimits.Pressure> pressure) {}

  /**
   * A use against a limit ({@code max} null: no limit; {@code inheritedFrom}: the ancestor cgroup
   * setting it, null when its own cgroup does).
   */
  record UsageJson(
      Long max, Long current, Integer percent, boolean nearLimit, String inheritedFrom) {}

  /** The CPU quota ({@code quotaMicros} null: none) and the periods throttled. */
  record CpuJson(
      Long quotaMicros,
      long periodMicros,
      Double cpus,
      Long periods,
      Long throttledPeriods,
      Integer throttledPercent,
      boolean nearLimit,
      String inheritedFrom) {}
}
