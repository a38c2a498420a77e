package dev.stackscope.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stackscope.Main;
import dev.stackscope.cli.Cli;
import dev.stackscope.cli.Invocation;
import dev.stackscope.host.Host;
import dev.stackscope.output.TerminalInfo;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * The one way tests run stackscope and capture what it printed: in-process through {@link Main#run}
 * as a pipe (no terminal, no colour, no width limit), or as a separate process ({@link #java} for
 * the test class path's Main behind a prefix such as {@code ip netns exec NS} or {@code setpriv},
 * {@link #exec} for any command line: the launcher, the warm server's client).
 */
public final class CliRunner {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** What one run printed and returned. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /** Standard output parsed as exactly one JSON document (trailing content fails the test). */
    public JsonNode json() {
      return parseJson(out);
    }

    /** Standard output as a sequence of JSON documents (a --watch run prints one per frame). */
    public List<JsonNode> jsonDocuments() {
      List<JsonNode> documents = new ArrayList<>();
      try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(out)) {
        while (it.hasNextValue()) {
          documents.add(it.nextValue());
        }
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("not a sequence of JSON documents: " + this, e);
      }
      return documents;
    }

    /** Standard output's lines, without their line ends. */
    public List<String> lines() {
      return out.lines().toList();
    }
  }

  /** Parses one JSON document; anything else (none, two, trailing text) fails the test. */
  public static JsonNode parseJson(String text) {
    try {
      JsonNode node =
          JSON.readerFor(JsonNode.class)
              .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readValue(text);
      if (node == null || node.isMissingNode()) {
        throw new AssertionError("no JSON document in: " + text);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new AssertionError("not one JSON document: " + e.getOriginalMessage() + "\n" + text, e);
    }
  }

  /** The texts of a JSON array's elements, in order (empty when {@code array} is not an array). */
  public static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(e -> texts.add(e.asText()));
    return texts;
  }

  private final Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8"));
  private final Map<String, Object> extraSubcommands = new LinkedHashMap<>();
  private boolean terminal;
  private Host host;
  private Invocation invocation;
  private boolean stderrTerminal;

  /** Sets an environment variable seen by the run (LANG, COLUMNS, NO_COLOR, ...). */
  public CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Pretends stdout is a terminal (width from COLUMNS). */
  public CliRunner terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  /** Pretends stderr is a terminal, where progress lines are drawn. */
  public CliRunner stderrTerminal(boolean stderrTerminal) {
    this.stderrTerminal = stderrTerminal;
    return this;
  }

  /** Reads the host from {@code host} (a fixture /proc tree, fixed clock) instead of this one. */
  public CliRunner host(Host host) {
    this.host = host;
    return this;
  }

  /** Runs on behalf of {@code invocation} (its PID, directory, stdin) instead of this JVM. */
  public CliRunner invocation(Invocation invocation) {
    this.invocation = invocation;
    return this;
  }

  /** Adds a command of the test's own beside stackscope's (to drive shared mixins). */
  public CliRunner subcommand(String name, Object command) {
    extraSubcommands.put(name, command);
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    TerminalInfo info = new TerminalInfo(terminal, stderrTerminal, Map.copyOf(env));
    int code;
    Host h = host != null ? host : Host.live();
    if (invocation != null) {
      code = Cli.run(args, o, e, info, invocation, h);
    } else if (extraSubcommands.isEmpty()) {
      code = Main.run(args, o, e, info, h);
    } else {
      CommandLine cl = Cli.create(o, e, info, args, null, h);
      extraSubcommands.forEach(cl::addSubcommand);
      code = cl.execute(args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs with default settings. */
  public static Result stackscope(String... args) {
    return new CliRunner().run(args);
  }

  /**
   * Runs this test run's {@code dev.stackscope.Main} in a JVM of its own, behind {@code prefix}
   * (empty, {@code ip netns exec NS}, {@code setpriv --reuid=...}), with {@code classpath}.
   */
  public static Result java(Path cwd, List<String> prefix, String classpath, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            classpath,
            "dev.stackscope.Main"));
    command.addAll(List.of(args));
    return exec(cwd, Map.of(), Duration.ofMinutes(2), command);
  }

  /**
   * Runs a command line with standard input from /dev/null, the given variables added to this JVM's
   * environment (STACKSCOPE_SERVER, COLUMNS and MAVEN_OPTS removed: a run never inherits a choice
   * of server, a width or the build's JVM options), and fails the test when it outlasts {@code
   * timeout}.
   */
  public static Result exec(
      Path cwd, Map<String, String> env, Duration timeout, List<String> command) {
    return exec(cwd, env, timeout, command, new File("/dev/null"));
  }

  /** As {@link #exec(Path, Map, Duration, List)} with {@code stdin} as standard input. */
  public static Result exec(
      Path cwd, Map<String, String> env, Duration timeout, List<String> command, File stdin) {
    try {
      // Files, not pipes: a process that fills one pipe while the other is read would hang.
      File out = File.createTempFile("stackscope-out", ".txt");
      File err = File.createTempFile("stackscope-err", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("STACKSCOPE_SERVER");
        pb.environment().remove("COLUMNS");
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().putAll(env);
        pb.redirectOutput(out).redirectError(err).redirectInput(stdin);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly); // a shell's pipeline too
          p.destroyForcibly();
          throw new AssertionError("timed out after " + timeout + ": " + command);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out.toPath(), StandardCharsets.UTF_8),
            Files.readString(err.toPath(), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out.toPath());
        Files.deleteIfExists(err.toPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }
}
