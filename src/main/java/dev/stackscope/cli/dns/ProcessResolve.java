package dev.stackscope.cli.dns;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.dns.QueryName;
import dev.stackscope.dns.SocketTransport;
import dev.stackscope.dns.resolvconf.ProcessContext;
import dev.stackscope.dns.resolvconf.ProcessLookup;
import dev.stackscope.dns.resolvconf.RotationOffset;
import java.io.IOException;
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
    ProcessContext context;
    if (pid != null) {
      try {
        context = ProcessContext.of(proc, pid);
      } catch (ProcessContext.NoSuchProcess e) {
        throw CommandException.failure("--as " + pid + ": no such process");
      }
    } else {
      Path etc = cmd.hostEtc();
      context =
          ProcessContext.host(
              proc,
              etc.getParent() == null ? Path.of("/") : etc.getParent(),
              cmd.callerEnvironment());
    }
    ProcessLookup.View view;
    List<String> upstreams;
    try {
      view = context.files();
      upstreams = context.resolvedUpstreams(view.conf());
    } catch (IOException e) {
      throw CommandException.failure(
          "cannot read the resolver files of "
              + context.whose()
              + ": "
              + e.getMessage()
              + (pid != null ? " (reading another process's root needs root)" : ""));
    }
    List<ProcessLookup.Lookup> lookups = new ArrayList<>();
    java.util.concurrent.Callable<List<ProcessLookup.Lookup>> work =
        () -> {
          List<ProcessLookup.Lookup> done = new ArrayList<>();
          // one process's rotate: a random first server, then on from where the last name left
          RotationOffset rotation = new RotationOffset(ProcessLookup.RANDOM_FIRST_SERVER);
          for (QueryName n : names) {
            ProcessLookup.Lookup l =
                ProcessLookup.run(
                    n.input(),
                    List.of(Type.A, Type.AAAA),
                    view,
                    new SocketTransport(),
                    System::nanoTime,
                    rotation);
            rotation.after(l);
            done.add(l);
          }
          return done;
        };
    try {
      lookups.addAll(context.inNetworkNamespace(work));
    } catch (IOException e) {
      throw CommandException.failure(e.getMessage());
    }
    String whose = context.whose();
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
