package dev.stackscope.cli.dns;

import picocli.CommandLine.Option;

/** dns resolve's --as PID and --search: resolve as a process's C library would. */
public final class ProcessViewOptions {
  @Option(
      names = "--as",
      paramLabel = "PID",
      description =
          "Resolve as this process would: its resolv.conf, hosts and nsswitch.conf (through"
              + " /proc/PID/root), its search list and ndots, queries from its network namespace;"
              + " every query shown in order.")
  Integer pid;

  @Option(
      names = "--search",
      description =
          "Apply this host's search list and ndots (resolv.conf, LOCALDOMAIN and RES_OPTIONS,"
              + " else the hostname's domain), and its hosts file, as the C library does (dig"
              + " +search).")
  boolean search;

  boolean active() {
    return pid != null || search;
  }

  /** The problem with these options, or null. */
  String validate(boolean servers, boolean encrypted, boolean types) {
    if (pid != null && search) {
      return "--as and --search exclude each other (--as applies the process's search list)";
    }
    if (!active()) {
      return null;
    }
    String opt = pid != null ? "--as" : "--search";
    if (pid != null && pid < 1) {
      return "--as: not a process id: " + pid;
    }
    if (servers || encrypted) {
      return opt + " asks the servers of resolv.conf: it cannot go with --server, --tls or --https";
    }
    return types ? opt + " looks up addresses (A and AAAA, as getaddrinfo): no record types" : null;
  }
}
