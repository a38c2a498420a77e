package dev.stackscope.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stackscope.cli.StackscopeCommand;
import dev.stackscope.output.TerminalInfo;
import dev.stackscope.process.ProcessFields;
import dev.stackscope.process.ProcessInfo;
import dev.stackscope.process.ProcessSource;
import dev.stackscope.process.ProcessThread;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code tree} through the command on a fixture process source at the scale of issue 14: a chain of
 * 30,000 processes, each the parent of the next, as JSON (an array of nodes, each with its {@code
 * children}, 60,000 levels deep), and a shallower one as text.
 */
class DeepTreeCommandTest {
  static final int DEPTH = 30_000;

  /** PID 1 … {@code depth}, each the child of the one before; the last runs with a password. */
  static ProcessSource chain(int depth) {
    List<ProcessInfo> all = new ArrayList<>(depth);
    for (int pid = 1; pid <= depth; pid++) {
      String name = pid == depth ? "deepest" : "link" + pid;
      List<String> argv =
          pid == depth ? List.of("deepest", "--password=hunter2", "x") : List.of(name);
      all.add(
          new ProcessInfo(
              pid, pid - 1, pid, pid, 0, name, "S", argv, null, 0, 0, 0, 0, "root", null, 1, 0, 0,
              0, 0, false));
    }
    return new ProcessSource() {
      @Override
      public List<ProcessInfo> snapshot(ProcessFields fields) {
        return all;
      }

      @Override
      public Optional<ProcessInfo> process(int pid) {
        return pid >= 1 && pid <= depth ? Optional.of(all.get(pid - 1)) : Optional.empty();
      }

      @Override
      public List<ProcessThread> threads(int pid) {
        return List.of();
      }
    };
  }

  /** Runs {@code tree ARGS} on {@code source}; stdout goes to {@code out}. */
  static int tree(ProcessSource source, Writer out, StringWriter err, String... args) {
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    CommandLine cl =
        new CommandLine(
                new StackscopeCommand(
                    o,
                    e,
                    TerminalInfo.pipe(Map.of()),
                    null,
                    dev.stackscope.host.Host.builder().processes(source).build()))
            .addSubcommand("tree", new TreeCommand());
    cl.setOut(o);
    cl.setErr(e);
    String[] argv = new String[args.length + 1];
    argv[0] = "tree";
    System.arraycopy(args, 0, argv, 1, args.length);
    int code = cl.execute(argv);
    o.flush();
    e.flush();
    return code;
  }

  @Test
  void jsonOfAThirtyThousandDeepChainIsOneNodePerLevel() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, tree(chain(DEPTH), out, err, "--json"), err::toString);
    // the reader needs the same allowance as the writer: Jackson stops at 1,000 levels by default
    ObjectMapper json =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(3 * DEPTH).build())
                    .build())
            .build();
    JsonNode forest = json.readTree(out.toString());
    assertTrue(forest.isArray(), "always an array of trees");
    assertEquals(1, forest.size());
    JsonNode node = forest.get(0);
    int depth = 1;
    while (true) {
      assertEquals(depth, node.get("pid").asInt());
      assertEquals(depth - 1, node.get("ppid").asInt());
      JsonNode children = node.get("children");
      assertTrue(children.isArray());
      if (children.isEmpty()) {
        break;
      }
      assertEquals(1, children.size());
      node = children.get(0);
      depth++;
    }
    assertEquals(DEPTH, depth);
    assertEquals("deepest", node.get("name").asText());
    assertEquals("--password=•••", node.get("command").get(1).asText());
    // pretty-printed, but the indentation stops growing: not 60,000 levels of spaces per line
    long longest = out.toString().lines().mapToInt(String::length).max().orElse(0);
    assertTrue(longest < 200, "longest line: " + longest);
  }

  /**
   * Counts lines, and of the last one keeps its length, how many of its characters are not spaces
   * and its end: the text of a deep chain is mostly indentation.
   */
  static final class LastLine extends Writer {
    long lines;
    int length;
    int nonSpaces;
    final StringBuilder tail = new StringBuilder();
    int lastLength;
    int lastNonSpaces;
    String lastTail = "";

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        char c = buf[i];
        if (c == '\n') {
          lines++;
          lastLength = length;
          lastNonSpaces = nonSpaces;
          lastTail = tail.toString();
          length = 0;
          nonSpaces = 0;
          tail.setLength(0);
        } else {
          length++;
          if (c != ' ') {
            nonSpaces++;
            tail.append(c);
          }
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  // 5,000 deep, not 30,000: the text grows with the square of the depth (1.35 GB at 30,000).
  // TreeScaleTest takes the display tree of a 30,000-deep chain.
  @Test
  void textOfADeepChainIsOneLinePerProcess() {
    int depth = 5_000;
    LastLine out = new LastLine();
    StringWriter err = new StringWriter();
    assertEquals(0, tree(chain(depth), out, err, "--ascii", "-a"), err::toString);
    assertEquals(depth, out.lines);
    // the deepest line: 4,998 levels of three spaces, then the branch and the process
    String deepest = "`- deepest --password=••• x";
    assertEquals(3 * (depth - 2) + deepest.length(), out.lastLength);
    assertEquals(deepest.replace(" ", ""), out.lastTail);
    assertEquals(deepest.replace(" ", "").length(), out.lastNonSpaces);
  }
}
