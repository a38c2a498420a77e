package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.RegexConverter;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.container.ContainerInfo;
import dev.stackscope.container.ProcessIdentities;
import dev.stackscope.container.ProcessIdentities.Identity;
import dev.stackscope.net.SocketEntry;
import dev.stackscope.os.NetworkNamespace;
import dev.stackscope.output.Output;
import dev.stackscope.process.NoSuchProcessException;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessNode;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.ProcessTreeBuilder;
import dev.stackscope.process.ProcessTreeRequest;
import dev.stackscope.shell.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackscope tree [PID|USER]}: the process tree, pstree-style. */
@Command(
    name = "tree",
    sortOptions = false,
    description = {
      "Show the process tree (like pstree): rooted at PID 1, at PID, or the trees of USER's"
          + " processes.",
      "Identical sibling subtrees are compacted as N*[name] (not with -p, -a or -c).",
      "A process whose container or systemd unit differs from its parent's is shown with it:"
          + " [web: nginx:1.27] nginx, [cron.service] cron."
    })
public final class TreeCommand extends BaseCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PID|USER",
      description = "Root the tree at this process, or show the trees of this user's processes.")
  String target;

  @Option(
      names = {"-p", "--show-pids"},
      description = "Show PIDs.")
  boolean showPids;

  @Option(
      names = {"-a", "--arguments"},
      description = "Show command-line arguments.")
  boolean arguments;

  @Option(
      names = {"-u", "--uid-changes"},
      description = "Show the user where it changes.")
  boolean userChanges;

  @Option(
      names = {"-g", "--show-pgids"},
      description = "Show process group ids.")
  boolean showPgids;

  @Option(
      names = {"-n", "--numeric-sort"},
      description = "Sort siblings by PID (default: name).")
  boolean sortByPid;

  @Option(
      names = {"-s", "--parents"},
      description = "Also show the ancestors of PID.")
  boolean parents;

  @Option(
      names = {"-H", "--highlight"},
      paramLabel = "PID",
      description = "Highlight this process and its ancestors.")
  Integer highlight;

  @Option(
      names = {"-t", "--threads"},
      description = "Show threads as {name}.")
  boolean threads;

  @Option(
      names = {"-c", "--no-compact"},
      description = "Do not compact identical subtrees.")
  boolean noCompact;

  @Option(names = "--ascii", description = "Draw the tree with ASCII characters.")
  boolean ascii;

  @Option(
      names = {"-l", "--long"},
      description = "Do not truncate lines on a terminal.")
  boolean longLines;

  @Option(
      names = "--match",
      paramLabel = "REGEX",
      converter = RegexConverter.class,
      description =
          "Show only processes whose name or command line matches, with their ancestors and"
              + " descendants.")
  Pattern match;

  @Option(
      names = "--ports",
      description = "Show each process's listening TCP and UDP ports (tcp:8080, udp:[::1]:53).")
  boolean ports;

  @Option(
      names = "--container",
      paramLabel = "NAME|ID",
      description =
          "Show the trees of this container's processes (its name, or its id or a prefix).")
  String container;

  @Mixin WatchOptions watch;

  /** What to scan, from the options: validated once, scanned once (or once per frame). */
  private record Scan(int rootPid, String user, Pattern pattern, ProcessFields fields) {}

  /** One scan's result: the trees, their builder (for lookups) and the listeners by PID. */
  private record Forest(
      List<ProcessNode> roots,
      ProcessTreeBuilder builder,
      Map<Integer, List<SocketEntry>> listening,
      Map<Integer, Identity> identities) {}

  /** What {@link #validate} made of the target: a root PID (0: the whole tree) or a user. */
  private int rootPid;

  private String user;

  @Override
  protected void validate() {
    rootPid = 0;
    user = null;
    if (target != null) {
      if (isDigits(target)) {
        rootPid = ProcessArguments.pid(target, "PID", this::usageError);
      } else if (ProcessArguments.looksLikeUserName(target)) {
        user = target;
      } else {
        throw usageError("not a PID or user name: '" + target + "'");
      }
    }
    if (container != null && target != null) {
      throw usageError("--container shows that container's trees: give no PID or USER with it");
    }
    if (container != null && (container.isEmpty() || container.length() > 256)) {
      throw usageError("--container needs a container name or id of 1 to 256 characters");
    }
    if (highlight != null && highlight <= 0) {
      throw usageError("--highlight needs a positive PID, not " + highlight);
    }
    watch.validate();
  }

  @Override
  protected ExitCode execute(Output out) throws Exception {
    Pattern pattern = match;
    boolean json = out.json();
    ProcessFields fields =
        new ProcessFields(
            json || userChanges || user != null, json || arguments || pattern != null, false);
    Scan scan = new Scan(rootPid, user, pattern, fields);
    if (watch.enabled()) {
      return watch.run(
          display(out, false),
          o -> {
            Forest f = scan(scan);
            return Frame.of(view(f).render(f.roots())).keyedByNodeKeys().json(json(f));
          });
    }
    Forest forest = scan(scan);
    // the outcome is decided before the text/JSON branch: --json never changes the exit code
    if (forest.roots().isEmpty()) {
      throw CommandException.failure(
          match != null ? "no process matches " + match : "no processes to show");
    }
    IdentityNotes.note(out, host().identities(), host().runningAsRoot());
    if (highlight != null && forest.builder().get(highlight) == null) {
      throw CommandException.failure("no process with PID " + highlight);
    }
    if (json) {
      out.json(json(forest));
    } else {
      display(out, longLines).trees(view(forest).render(forest.roots()));
    }
    return ExitCode.OK;
  }

  private Forest scan(Scan scan) {
    ProcessSource source = host().processes();
    List<ProcessInfo> snapshot = source.snapshot(scan.fields());
    if (scan.pattern() != null && !global().reveal()) {
      snapshot = masked(snapshot); // --match sees what is shown: it must not probe secrets
    }
    ProcessTreeBuilder builder = new ProcessTreeBuilder(snapshot);
    ProcessTreeRequest request =
        new ProcessTreeRequest(
            scan.rootPid(),
            scan.user(),
            scan.pattern(),
            parents,
            sortByPid,
            threads,
            scan.fields(),
            // only --match needs it (ProcessHandle starts a thread pool's set-up in a fresh JVM)
            scan.pattern() == null ? 0 : (int) root().invocation().selfPid());
    ProcessIdentities ids = host().identities();
    Map<Integer, Identity> identities = new HashMap<>();
    List<ProcessNode> roots = new ArrayList<>();
    try {
      if (container == null) {
        roots = builder.build(request, threads ? source::threads : null);
      } else {
        for (int top : containerTops(snapshot, ids, identities)) {
          roots.addAll(
              builder.build(
                  new ProcessTreeRequest(
                      top,
                      null,
                      request.match(),
                      false,
                      sortByPid,
                      threads,
                      request.fields(),
                      request.selfPid()),
                  threads ? source::threads : null));
        }
        if (roots.isEmpty()) {
          throw CommandException.failure("no process in container '" + container + "'");
        }
      }
    } catch (NoSuchProcessException e) {
      throw CommandException.failure(e.getMessage());
    }
    readIdentities(roots, ids, identities);
    if (scan.user() != null && roots.isEmpty()) {
      throw CommandException.failure("no processes of user '" + scan.user() + "'");
    }
    // Sockets only when asked for: the walk over every process's descriptors is the costly part.
    Map<Integer, List<SocketEntry>> listening = ports ? host().ports().listeningByPid() : null;
    return new Forest(roots, builder, listening, identities);
  }

  /** The container's processes whose parent is not in it, by PID; their identities noted. */
  private List<Integer> containerTops(
      List<ProcessInfo> snapshot, ProcessIdentities ids, Map<Integer, Identity> identities) {
    Set<Integer> inside = new HashSet<>();
    for (ProcessInfo p : snapshot) {
      Identity id = ids.identity(p.pid());
      if (IdentityFilter.matches(id, null, container)) {
        inside.add(p.pid());
        identities.put(p.pid(), id);
      }
    }
    List<Integer> tops = new ArrayList<>();
    for (ProcessInfo p : snapshot) {
      if (inside.contains(p.pid()) && !inside.contains(p.ppid())) {
        tops.add(p.pid());
      }
    }
    return tops;
  }

  /** The identities of every process in the trees (each read once). */
  private static void readIdentities(
      List<ProcessNode> roots, ProcessIdentities ids, Map<Integer, Identity> identities) {
    ArrayDeque<ProcessNode> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      ProcessNode n = todo.pop();
      identities.computeIfAbsent(n.process().pid(), ids::identity);
      todo.addAll(n.children());
    }
  }

  /**
   * {@code [web: nginx:1.27]} where a process's container differs from its parent's, {@code
   * [cron.service]} where its unit does; for a root, whatever it has.
   */
  private static Map<Integer, String> prefixes(Forest forest) {
    Map<Integer, String> prefixes = new HashMap<>();
    for (ProcessNode root : forest.roots()) {
      ArrayDeque<ProcessNode> todo = new ArrayDeque<>();
      todo.push(root);
      while (!todo.isEmpty()) {
        ProcessNode n = todo.pop();
        ProcessInfo p = n.process();
        Identity id = forest.identities().getOrDefault(p.pid(), Identity.NONE);
        Identity parent =
            n == root ? Identity.NONE : forest.identities().getOrDefault(p.ppid(), Identity.NONE);
        String prefix = IdentityText.changed(id, parent);
        if (prefix != null) {
          prefixes.put(p.pid(), prefix);
        }
        todo.addAll(n.children());
      }
    }
    return prefixes;
  }

  /** The processes with their command lines' secrets masked, as they are shown. */
  private static List<ProcessInfo> masked(List<ProcessInfo> snapshot) {
    List<ProcessInfo> out = new ArrayList<>(snapshot.size());
    for (ProcessInfo p : snapshot) {
      List<String> argv = ProcessFormat.command(p.command(), false);
      out.add(
          argv == null || argv.equals(p.command())
              ? p
              : new ProcessInfo(
                  p.pid(),
                  p.ppid(),
                  p.pgid(),
                  p.sid(),
                  p.ttyNr(),
                  p.name(),
                  p.state(),
                  argv,
                  p.executable(),
                  p.uid(),
                  p.euid(),
                  p.gid(),
                  p.egid(),
                  p.user(),
                  p.startTime(),
                  p.threads(),
                  p.rss(),
                  p.vsz(),
                  p.cpuTimeMillis(),
                  p.nice(),
                  p.kernelThread()));
    }
    return out;
  }

  private ProcessTreeView view(Forest forest) {
    Set<Integer> highlighted = new HashSet<>();
    if (highlight != null && forest.builder().get(highlight) != null) {
      highlighted.add(highlight);
      for (ProcessInfo a : forest.builder().ancestors(highlight)) {
        highlighted.add(a.pid());
      }
    }
    Map<Integer, String> annotations = new HashMap<>();
    if (forest.listening() != null) {
      forest.listening().forEach((pid, s) -> annotations.put(pid, ListeningPorts.annotation(s)));
    }
    return new ProcessTreeView(
        showPids,
        showPgids,
        userChanges,
        arguments,
        !(noCompact || showPids || arguments),
        highlighted,
        annotations,
        global().reveal(),
        prefixes(forest));
  }

  /** Always an array of trees, whatever the input (one tree for a PID, one per root otherwise). */
  private List<TreeJson> json(Forest forest) {
    List<TreeJson> docs = new ArrayList<>(forest.roots().size());
    for (ProcessNode n : forest.roots()) {
      docs.add(
          TreeJson.of(
              n, forest.listening(), forest.identities(), host().identities(), global().reveal()));
    }
    return docs;
  }

  /** The output with --ascii applied, and --long when {@code noTruncation}. */
  private Output display(Output out, boolean noTruncation) {
    Output o = out;
    if (ascii) {
      o = o.with(o.settings().withUnicode(false));
    }
    if (noTruncation) {
      o = o.with(o.settings().withWidth(0));
    }
    return o;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * The JSON shape of a tree node. {@code listening} is null without {@code --ports}, otherwise the
   * process's listening sockets (an empty array when it has none).
   */
  record TreeJson(
      int pid,
      int ppid,
      String name,
      String user,
      List<String> command,
      int threads,
      String unit,
      String slice,
      ContainerInfo container,
      NetworkNamespace netns,
      List<ListeningPorts.Json> listening,
      List<TreeJson> children) {
    /** The JSON of the tree under {@code root}, built without recursion (chains run deep). */
    static TreeJson of(
        ProcessNode root,
        Map<Integer, List<SocketEntry>> listening,
        Map<Integer, Identity> identities,
        ProcessIdentities ids,
        boolean reveal) {
      ArrayDeque<Pending> path = new ArrayDeque<>();
      path.push(new Pending(root));
      while (true) {
        Pending top = path.peek();
        if (top.next < top.node.children().size()) {
          path.push(new Pending(top.node.children().get(top.next++)));
          continue;
        }
        path.pop();
        Identity id = identities.getOrDefault(top.node.process().pid(), Identity.NONE);
        TreeJson done =
            node(
                top.node.process(),
                top.kids,
                listening,
                id,
                ids.netns(top.node.process().pid(), id),
                reveal);
        if (path.isEmpty()) {
          return done;
        }
        path.peek().kids.add(done);
      }
    }

    /** A node whose children are being built: those done so far, the next one to build. */
    private static final class Pending {
      final ProcessNode node;
      final List<TreeJson> kids;
      int next;

      Pending(ProcessNode node) {
        this.node = node;
        this.kids = new ArrayList<>(node.children().size());
      }
    }

    private static TreeJson node(
        ProcessInfo p,
        List<TreeJson> kids,
        Map<Integer, List<SocketEntry>> listening,
        Identity id,
        NetworkNamespace netns,
        boolean reveal) {
      List<ListeningPorts.Json> ports =
          listening == null
              ? null
              : ListeningPorts.json(listening.getOrDefault(p.pid(), List.of()));
      return new TreeJson(
          p.pid(),
          p.ppid(),
          p.name(),
          p.user(),
          ProcessFormat.command(p.command(), reveal),
          p.threads(),
          id.unit(),
          id.slice(),
          id.container(),
          netns,
          ports,
          kids);
    }
  }
}
