package dev.stackscope.cli.process;

import dev.stackscope.cli.BaseCommand;
import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.RegexConverter;
import dev.stackscope.cli.shell.WatchOptions;
import dev.stackscope.net.SocketEntry;
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
      "Identical sibling subtrees are compacted as N*[name] (not with -p, -a or -c)."
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

  @Mixin WatchOptions watch;

  /** What to scan, from the options: validated once, scanned once (or once per frame). */
  private record Scan(int rootPid, String user, Pattern pattern, ProcessFields fields) {}

  /** One scan's result: the trees, their builder (for lookups) and the listeners by PID. */
  private record Forest(
      List<ProcessNode> roots,
      ProcessTreeBuilder builder,
      Map<Integer, List<SocketEntry>> listening) {}

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
    List<ProcessNode> roots;
    try {
      roots = builder.build(request, threads ? source::threads : null);
    } catch (NoSuchProcessException e) {
      throw CommandException.failure(e.getMessage());
    }
    if (scan.user() != null && roots.isEmpty()) {
      throw CommandException.failure("no processes of user '" + scan.user() + "'");
    }
    // Sockets only when asked for: the walk over every process's descriptors is the costly part.
    Map<Integer, List<SocketEntry>> listening = ports ? host().ports().listeningByPid() : null;
    return new Forest(roots, builder, listening);
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
        global().reveal());
  }

  /** Always an array of trees, whatever the input (one tree for a PID, one per root otherwise). */
  private List<TreeJson> json(Forest forest) {
    List<TreeJson> docs = new ArrayList<>(forest.roots().size());
    for (ProcessNode n : forest.roots()) {
      docs.add(TreeJson.of(n, forest.listening(), global().reveal()));
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
      List<ListeningPorts.Json> listening,
      List<TreeJson> children) {
    /** The JSON of the tree under {@code root}, built without recursion (chains run deep). */
    static TreeJson of(
        ProcessNode root, Map<Integer, List<SocketEntry>> listening, boolean reveal) {
      ArrayDeque<Pending> path = new ArrayDeque<>();
      path.push(new Pending(root));
      while (true) {
        Pending top = path.peek();
        if (top.next < top.node.children().size()) {
          path.push(new Pending(top.node.children().get(top.next++)));
          continue;
        }
        path.pop();
        TreeJson done = node(top.node.process(), top.kids, listening, reveal);
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
          ports,
          kids);
    }
  }
}
