package dev.stackscope.cli.dns;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.resolvconf.ProcessFiles;
import dev.stackscope.dns.resolvconf.ProcessLookup;
import dev.stackscope.os.NetnsRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/** The wiring of dns resolve --as PID / --search. */
final class ProcessResolve {
  private ProcessResolve() {}

  static ExitCode run(
      DnsResolveCommand cmd, dev.stackscope.output.Output out, Integer pid, List<QueryName> names)
      throws Exception {
    Path proc = cmd.hostProc();
    Path root;
    String whose;
    if (pid != null) {
      root = proc.resolve(pid + "/root");
      if (!Files.isDirectory(proc.resolve(String.valueOf(pid)))) {
        throw CommandException.failure("--as " + pid + ": no such process");
      }
      whose = "PID " + pid;
    } else {
      root = cmd.hostEtc().getParent() == null ? Path.of("/") : cmd.hostEtc().getParent();
      whose = "this host";
    }
    ProcessLookup.View view;
    List<String> upstreams;
    try {
      view = ProcessFiles.read(root);
      upstreams = ProcessFiles.resolvedUpstreams(root, view.conf());
    } catch (IOException e) {
      throw CommandException.failure(
          "cannot read the resolver files of "
              + whose
              + ": "
              + e.getMessage()
              + (pid != null ? " (reading another process's root needs root)" : ""));
    }
    List<ProcessLookup.Lookup> lookups = new ArrayList<>();
    java.util.concurrent.Callable<List<ProcessLookup.Lookup>> work =
        () -> {
          List<ProcessLookup.Lookup> done = new ArrayList<>();
          for (QueryName n : names) {
            String typed = n.input();
            done.add(
                ProcessLookup.run(
                    typed,
                    List.of(Type.A, Type.AAAA),
                    view,
                    new SocketTransport(),
                    System::nanoTime));
          }
          return done;
        };
    Path netns = pid == null ? null : proc.resolve(pid + "/ns/net");
    try {
      if (netns != null && NetnsRunner.differs(proc, netns)) {
        lookups.addAll(NetnsRunner.run(netns, work));
      } else {
        lookups.addAll(work.call());
      }
    } catch (IOException e) {
      throw CommandException.failure(e.getMessage());
    }
    ExitCode code = ExitCode.OK;
    for (ProcessLookup.Lookup l : lookups) {
      if (l.answeredBy() == null) {
        code = ExitCode.FAILURE;
      }
    }
    if (out.json()) {
      out.json(lookups);
    } else {
      boolean first = true;
      for (ProcessLookup.Lookup l : lookups) {
        if (!first) {
          out.blank();
        }
        first = false;
        ProcessLookupView.render(out, l, whose, upstreams);
      }
    }
    return code;
  }
}
