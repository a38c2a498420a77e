package dev.stackscope.server;

import static dev.stackscope.testing.Wait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackscope.testing.CliRunner;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm server end to end: the real C client (compiled here), a real server JVM on a copy of the
 * packaged jar, and a stub launcher that shows when the client falls back to a fresh JVM. Served
 * output is compared with a fresh JVM's (java -jar) for the same command line.
 */
class ServerIT {
  private static final Path REPO =
      Path.of(System.getProperty("stackscope.repo", ".")).toAbsolutePath();
  private static final Path JAR = REPO.resolve("target/stackscope.jar");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir static Path tmp;
  static Path client;
  static Path launcher;
  static Path jar;
  static Process server;
  static Path socket;
  static Process family;

  @BeforeAll
  static void startServer() throws Exception {
    assumeTrue(Files.isRegularFile(JAR), "target/stackscope.jar absent: run 'mvn package' first");
    String cc = which("cc") != null ? which("cc") : which("gcc");
    assumeTrue(cc != null, "no C compiler (cc, gcc): the warm server's client cannot be built");
    client = tmp.resolve("stackscope-client");
    CliRunner.Result built =
        run(
            tmp,
            Map.of(),
            List.of(
                cc,
                "-O2",
                "-Wall",
                "-o",
                client.toString(),
                REPO.resolve("src/main/c/stackscope-client.c").toString()));
    assertEquals(0, built.exitCode(), built.err());
    assertEquals("", built.err(), "the client compiles without warnings");

    launcher = tmp.resolve("launcher");
    Files.writeString(
        launcher,
        "#!/bin/sh\nprintf 'COLD spawn=%s cold=%s args=%s\\n' \"${STACKSCOPE_SPAWN:-}\" "
            + "\"${STACKSCOPE_COLD:-}\" \"$*\"\nexit 42\n");
    launcher.toFile().setExecutable(true);

    jar = copyOfTheBuild(tmp.resolve("build"));
    socket = SocketPath.socket(jar.toString(), SocketPath.currentUid());
    server = startServer(jar, tmp.resolve("server.log"));
    family = new ProcessBuilder("sh", "-c", "sleep 300 & sleep 300 & wait").start();
    waitFor(() -> children(family.pid()) == 2, "the spawned shell's two children");
  }

  /** The jar (and its lib/ beside it) at another path: a build with a server of its own. */
  static Path copyOfTheBuild(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("lib"), JAR.resolveSibling("lib"));
    return Files.copy(JAR, dir.resolve("stackscope.jar"));
  }

  static Process startServer(Path jarFile, Path log, String... jvmOptions) throws Exception {
    Process p = launchServer(jarFile, log, jvmOptions);
    Path sock = SocketPath.socket(jarFile.toString(), SocketPath.currentUid());
    // "listening" is logged once bind() has returned: the file exists a moment before listen(2),
    // and a client that connects then is refused (and asks for a server of its own).
    waitFor(
        () -> read(log).contains("listening on " + sock) || !p.isAlive(),
        "the server's socket " + sock);
    assertTrue(p.isAlive(), () -> "server died: " + read(log));
    return p;
  }

  /** A server JVM for the jar, its output in the log; without waiting for it. */
  static Process launchServer(Path jarFile, Path log, String... jvmOptions) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC"));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-Dstackscope.serve=" + jarFile, "-jar", jarFile.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("STACKSCOPE_SERVER_IDLE", "300");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    for (String dir : List.of("build", "rebuilt", "inflight", "killed", "warming")) {
      Files.deleteIfExists(
          tmp.resolve(dir).resolve("lib")); // the link only, before @TempDir cleans up
    }
    if (family != null) {
      family.descendants().forEach(ProcessHandle::destroy);
      family.destroy();
    }
    if (server != null) {
      server.destroy();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server stops on SIGTERM");
      assertFalse(Files.exists(socket), "the server removes its socket when terminated");
    }
  }

  // ---- running things

  static CliRunner.Result served(String... args) throws Exception {
    return served(tmp, Map.of(), args);
  }

  static CliRunner.Result served(Path cwd, Map<String, String> env, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of(client.toString(), launcher.toString(), jar.toString()));
    command.addAll(List.of(args));
    return run(cwd, env, command);
  }

  static CliRunner.Result cold(String... args) throws Exception {
    return cold(tmp, args);
  }

  static CliRunner.Result cold(Path cwd, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(cwd, Map.of(), command);
  }

  static CliRunner.Result run(Path cwd, Map<String, String> env, List<String> command) {
    return run(cwd, env, command, new File("/dev/null"));
  }

  /** Runs {@code command} with {@code stdin} as its standard input. */
  static CliRunner.Result run(Path cwd, Map<String, String> env, List<String> command, File stdin) {
    return CliRunner.exec(cwd, env, Duration.ofMinutes(2), command, stdin);
  }

  /** ps's header is the first line (its padding depends on the widest PID). */
  static boolean startsWithPsHeader(String printed) {
    return printed.lines().findFirst().orElse("").matches("\s*PID\s+PPID\s+USER\s.*");
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  static String which(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  static long children(long pid) {
    try {
      String list = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).trim();
      return list.isEmpty() ? 0 : list.split(" ").length;
    } catch (IOException e) {
      return -1;
    }
  }

  // ---- tests

  @Test
  void servedRunsPrintWhatAFreshJvmPrints() throws Exception {
    String pid = Long.toString(family.pid());
    for (String[] args :
        new String[][] {
          {"tree", "-p", pid}, {"--json", "tree", pid}, {"tree", "-a", "--ascii", pid}
        }) {
      CliRunner.Result served = served(args);
      assertEquals(0, served.exitCode(), served.err());
      assertTrue(served.out().contains("sleep"), served.out());
      assertEquals(cold(args), served, String.join(" ", args));
    }
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(listener.getLocalPort());
      CliRunner.Result served = served("ports", "--port", port, "--json");
      assertEquals(0, served.exitCode(), served.err());
      assertTrue(
          CliRunner.parseJson(served.out()).findValues("pid").stream()
              .anyMatch(p -> p.asLong() == ProcessHandle.current().pid()),
          served.out());
      assertEquals(cold("ports", "--port", port, "--json"), served);
    }
  }

  @Test
  void errorsGoToStderrWithTheSameExitCodes() throws Exception {
    CliRunner.Result missing = served("proc", "2147483");
    assertEquals(new CliRunner.Result(1, "", "stackscope: no process with PID 2147483\n"), missing);
    assertEquals(cold("proc", "2147483"), missing);

    CliRunner.Result usage = served("ports", "--port", "70000");
    assertEquals(2, usage.exitCode());
    assertEquals("", usage.out());
    assertTrue(
        usage.err().startsWith("stackscope: Invalid value for option '--port'"), usage.err());
    assertEquals(cold("ports", "--port", "70000"), usage);
  }

  @Test
  void whatTheServerDoesNotRunGoesToAFreshJvmWithoutPrintingAnything() throws Exception {
    assertEquals(new CliRunner.Result(42, "COLD spawn= cold=1 args=nat\n", ""), served("nat"));
    assertEquals(
        new CliRunner.Result(42, "COLD spawn= cold=1 args=tree --watch\n", ""),
        served("tree", "--watch"));
    assertEquals(
        new CliRunner.Result(42, "COLD spawn= cold=1 args=--version\n", ""), served("--version"));
    assertEquals(
        new CliRunner.Result(
            1,
            "",
            "stackscope: the warm server did not run this command: --watch needs a fresh JVM\n"),
        served(tmp, Map.of("STACKSCOPE_SERVER", "require"), "ps", "--watch"));
  }

  @Test
  void noServerForThisBuildAsksTheLauncherToStartOne() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.copy(JAR, other.resolve("stackscope.jar"));
    List<String> command =
        List.of(
            client.toString(),
            launcher.toString(),
            other.resolve("stackscope.jar").toString(),
            "tree");
    assertEquals(
        new CliRunner.Result(42, "COLD spawn=1 cold=1 args=tree\n", ""),
        run(tmp, Map.of(), command));
    List<String> noJar =
        List.of(
            client.toString(),
            launcher.toString(),
            tmp.resolve("none/stackscope.jar").toString(),
            "tree");
    assertEquals(
        new CliRunner.Result(42, "COLD spawn= cold=1 args=tree\n", ""),
        run(tmp, Map.of(), noJar),
        "no jar: the launcher builds it first");
  }

  @Test
  void sourcesNewerThanTheJarSendTheRunBackToTheLauncherToRebuild() throws Exception {
    Path checkout = Files.createDirectories(tmp.resolve("checkout/src/main/java"));
    Path stub = Files.copy(launcher, tmp.resolve("checkout/stackscope"));
    List<String> command = List.of(client.toString(), stub.toString(), jar.toString(), "ps");
    Map<String, String> require = Map.of("STACKSCOPE_SERVER", "require");
    FileTime past = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000);
    for (Path p = checkout; !p.equals(tmp); p = p.getParent()) {
      Files.setLastModifiedTime(p, past); // find -newer (and the client) look at directories too
    }
    assertEquals(0, run(tmp, require, command).exitCode(), "sources older than the jar: served");
    Path source = Files.writeString(checkout.resolve("Edited.java"), "class Edited {}");
    Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertEquals(
        new CliRunner.Result(42, "COLD spawn= cold=1 args=ps\n", ""), run(tmp, require, command));
  }

  @Test
  void aCallerInAnotherNetworkNamespaceNeverReachesThisServer() throws Exception {
    String unshare = which("unshare");
    assumeTrue(unshare != null && SocketPath.currentUid() == 0, "needs root and unshare(1)");
    List<String> command =
        List.of(unshare, "--net", client.toString(), launcher.toString(), jar.toString(), "ports");
    assertEquals(
        new CliRunner.Result(42, "COLD spawn=1 cold=1 args=ports\n", ""),
        run(tmp, Map.of(), command));
    assertEquals(0, served("ports").exitCode(), "while this namespace's server serves");
  }

  @Test
  void relativePathsAreTheCallersAndItsPidIsLeftOutOfMatches() throws Exception {
    Path cwd = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(
        cwd.resolve("train.hints"),
        ". 3600000 NS a.root.train.\na.root.train. 3600000 A 127.0.0.1\n");
    String[] trace = {
      "dns",
      "trace",
      "www.example.train",
      "--root-hints",
      "train.hints",
      "--port",
      "9",
      "--timeout",
      "50",
      "--tries",
      "1"
    };
    CliRunner.Result served = served(cwd, Map.of(), trace);
    CliRunner.Result cold = cold(cwd, trace);
    assertEquals(cold.exitCode(), served.exitCode(), served.err());
    assertTrue((served.out() + served.err()).contains("a.root.train"), served.out() + served.err());

    String token = "no-such-program-" + System.nanoTime();
    CliRunner.Result match = served("ps", "--match", token);
    assertFalse(
        match.out().contains(token),
        "the client's own command line is not a match: " + match.out());
    assertEquals(cold("ps", "--match", token), match);
  }

  @Test
  void theCallersTerminalWidthAndColourTravelWithTheRequest() throws Exception {
    String script = which("script");
    assumeTrue(script != null, "no script(1) (util-linux): no pseudo-terminal for the client");
    String pid = Long.toString(family.pid());
    String servedLine =
        String.join(" ", client.toString(), launcher.toString(), jar.toString(), "tree", "-p", pid);
    String coldLine = String.join(" ", JAVA, "-jar", JAR.toString(), "tree", "-p", pid);
    Map<String, String> env = Map.of("COLUMNS", "24", "TERM", "xterm");
    CliRunner.Result served = run(tmp, env, List.of(script, "-qec", servedLine, "/dev/null"));
    CliRunner.Result cold = run(tmp, env, List.of(script, "-qec", coldLine, "/dev/null"));
    assertEquals(0, served.exitCode(), served.out());
    assertTrue(served.out().contains("\u001b["), "colour on a terminal: " + served.out());
    for (String line : served.out().replaceAll("\u001b\\[[0-9;]*m", "").split("\r?\n")) {
      assertTrue(line.codePointCount(0, line.length()) <= 24, "cut to COLUMNS: " + line);
    }
    assertEquals(cold, served);

    // stdout a terminal but stdin not: no console for the JVM, so no colour and no cutting.
    CliRunner.Result servedNoStdin =
        run(tmp, env, List.of(script, "-qec", servedLine + " </dev/null", "/dev/null"));
    CliRunner.Result coldNoStdin =
        run(tmp, env, List.of(script, "-qec", coldLine + " </dev/null", "/dev/null"));
    assertFalse(
        coldNoStdin.out().contains("\u001b["),
        "a fresh JVM without a console: " + coldNoStdin.out());
    assertEquals(coldNoStdin, servedNoStdin);
  }

  @Test
  void theCallersStderrAloneDecidesWhetherProgressIsDrawn() throws Exception {
    String script = which("script");
    assumeTrue(script != null, "no script(1) (util-linux): no pseudo-terminal for the client");
    // stdout to /dev/null, stderr the pseudo-terminal: the countdown of --sample is drawn there
    String sample = "ports --sample 1500ms >/dev/null";
    String servedLine =
        String.join(" ", client.toString(), launcher.toString(), jar.toString(), sample);
    String coldLine = String.join(" ", JAVA, "-jar", JAR.toString(), sample);
    Map<String, String> env = Map.of("TERM", "xterm", "COLUMNS", "80");
    for (String line : List.of(servedLine, coldLine)) {
      CliRunner.Result r = run(tmp, env, List.of(script, "-qec", line, "/dev/null"));
      assertEquals(0, r.exitCode(), r.toString());
      assertFalse(r.out().contains("COLD"), "served, not run in a fresh JVM: " + r);
      assertTrue(r.out().contains("\rsampling… 1s left\033[K"), "drawn: " + r);
      assertTrue(
          r.out().lastIndexOf("\r\033[K") > r.out().lastIndexOf("sampling"),
          "erased at the end (before the notes): " + r);
    }
    CliRunner.Result piped = served("ports", "--sample", "1500ms");
    assertEquals(0, piped.exitCode(), piped.toString());
    assertFalse(
        piped.err().contains("sampling") || piped.err().contains("\r"),
        "stderr piped: no progress (notes only): " + piped);
  }

  @Test
  void ctrlCErasesTheProgressLineServedOrNot() throws Exception {
    String script = which("script");
    String timeout = which("timeout");
    assumeTrue(
        script != null && timeout != null, "no script(1) or timeout(1) (util-linux, coreutils)");
    String sample = "ports --sample 20s >/dev/null; echo rc=$?";
    String interrupt = timeout + " --preserve-status -s INT 2.5 ";
    String servedLine =
        interrupt
            + String.join(" ", client.toString(), launcher.toString(), jar.toString(), sample);
    String coldLine = interrupt + String.join(" ", JAVA, "-jar", JAR.toString(), sample);
    Map<String, String> env = Map.of("TERM", "xterm", "COLUMNS", "80");
    for (String line : List.of(servedLine, coldLine)) {
      CliRunner.Result r = run(tmp, env, List.of(script, "-qec", line, "/dev/null"));
      assertTrue(r.out().contains("rc=130"), "ended by SIGINT: " + r);
      assertTrue(r.out().contains("sampling… "), "drawn: " + r);
      assertTrue(
          r.out().lastIndexOf("\r\033[K") > r.out().lastIndexOf("sampling"),
          "erased when interrupted: " + r);
    }
  }

  @Test
  void aClosedStdoutEndsWithTheCommandsExitCodeAsInAFreshJvm() throws Exception {
    List<String> served = List.of(client.toString(), launcher.toString(), jar.toString(), "ps");
    List<String> cold = List.of(JAVA, "-jar", JAR.toString(), "ps");
    for (List<String> command : List.of(served, cold)) {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      p.getInputStream().close(); // stdout's reader is gone at once: writes fail with EPIPE
      assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out: " + command);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      // EPIPE ends the run quietly with 141 (README, "Exit codes"), served or not; not a signal
      assertEquals(
          new CliRunner.Result(141, "", ""),
          new CliRunner.Result(p.exitValue(), "", err),
          "killed by SIGPIPE? " + command);
    }
  }

  /** A server of its own for a copy of the build, and a long run it is serving. */
  record Serving(Path copy, Process server, Process run, Path out) {}

  /** Starts a server on a copy of the build named {@code name} and a run of {@code ps} in it. */
  static Serving aLongRunIn(String name, String intervalMillis) throws Exception {
    Path copy = copyOfTheBuild(tmp.resolve(name));
    Process server = startServer(copy, tmp.resolve(name + ".log"));
    List<String> command =
        List.of(
            client.toString(),
            launcher.toString(),
            copy.toString(),
            "ps",
            "--interval",
            intervalMillis);
    Path out = tmp.resolve(name + ".out");
    Process run =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true).start();
    try {
      waitFor(() -> threads(server.pid()).contains("stackscope-watc"), "the run in the server");
    } catch (Exception | AssertionError e) {
      server.destroyForcibly();
      throw e;
    }
    return new Serving(copy, server, run, out);
  }

  @Test
  void aRunInFlightFinishesWhenItsServerRetires() throws Exception {
    Serving serving = aLongRunIn("inflight", "7000");
    Path copy = serving.copy();
    Process second = serving.server();
    Process run = serving.run();
    Path out = serving.out();
    try {
      Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
      assertTrue(run.waitFor(2, TimeUnit.MINUTES));
      String printed = read(out);
      assertEquals(0, run.exitValue(), printed);
      assertTrue(
          startsWithPsHeader(printed),
          "the served run's own output, not a fresh JVM's: " + printed);
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "then the old server exits");
      assertTrue(
          read(tmp.resolve("inflight.log")).contains("the jar changed"),
          read(tmp.resolve("inflight.log")));
    } finally {
      second.destroyForcibly();
    }
  }

  @Test
  void aRunWhoseServerDiesIsNeverRunAgainInAFreshJvm() throws Exception {
    Serving serving = aLongRunIn("killed", "20000");
    Path copy = serving.copy();
    Process third = serving.server();
    Process run = serving.run();
    try {
      third.destroyForcibly(); // SIGKILL (or the OOM killer) mid-run: signal, say, may have been
      // sent
      assertTrue(run.waitFor(2, TimeUnit.MINUTES));
      assertEquals(
          new CliRunner.Result(1, "stackscope: the server ended before the command finished\n", ""),
          new CliRunner.Result(run.exitValue(), read(serving.out()), ""),
          "an error, not a second run through the launcher");
    } finally {
      third.destroyForcibly();
      third.waitFor(30, TimeUnit.SECONDS);
      Path sock = SocketPath.socket(copy.toString(), SocketPath.currentUid());
      Files.deleteIfExists(sock); // what a killed server leaves behind
      Files.deleteIfExists(
          sock.resolveSibling(sock.getFileName().toString().replace(".sock", ".lock")));
    }
  }

  @Test
  void aSecondServerForTheSameBuildExitsAndLeavesTheFirstOneServing() throws Exception {
    Object bound = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
    for (int i = 1; i <= 2; i++) { // the second time after the first one's exit closed its files
      Path log = tmp.resolve("second-" + i + ".log");
      Process second = launchServer(jar, log);
      try {
        assertTrue(
            second.waitFor(60, TimeUnit.SECONDS), () -> "a second server exits: " + read(log));
        assertEquals(0, second.exitValue(), () -> read(log));
        assertTrue(read(log).contains("another server already serves " + socket), () -> read(log));
      } finally {
        second.destroyForcibly();
      }
      assertEquals(
          bound,
          Files.readAttributes(socket, BasicFileAttributes.class).fileKey(),
          "the first server's socket is left in place");
      assertTrue(server.isAlive(), "the first server carries on");
      CliRunner.Result ps = served("proc", Long.toString(server.pid()));
      assertEquals(0, ps.exitCode(), ps.err());
      assertFalse(ps.out().contains("COLD"), ps.out());
    }
  }

  @Test
  void aServerStoppedDuringItsWarmUpLeavesNoFilesBehind() throws Exception {
    Path copy = copyOfTheBuild(tmp.resolve("warming"));
    Path temp = Files.createDirectories(tmp.resolve("warming-tmp"));
    Process fourth = startServer(copy, tmp.resolve("warming.log"), "-Djava.io.tmpdir=" + temp);
    try {
      waitFor(() -> threads(fourth.pid()).contains("stackscope-warm"), "the warm-up");
      fourth.destroy(); // SIGTERM while warming up (typically a second or two)
      assertTrue(fourth.waitFor(30, TimeUnit.SECONDS));
      try (var left = Files.list(temp)) {
        assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList());
      }
    } finally {
      fourth.destroyForcibly();
    }
  }

  /** The names of a process's threads (Linux: the first 15 characters of a Java thread's name). */
  static String threads(long pid) throws IOException {
    StringBuilder names = new StringBuilder();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          names.append(Files.readString(task.resolve("comm")));
        } catch (IOException e) {
          // the thread ended
        }
      }
    }
    return names.toString();
  }

  @Test
  void aMountNamespaceOfItsOwnWithTheSameRootSharesTheServer() throws Exception {
    // ip netns exec makes a new mount namespace for every run: keying on it would start a server
    // per run. The root directory (a container's own) and the network namespace are the key.
    String unshare = which("unshare");
    assumeTrue(unshare != null && SocketPath.currentUid() == 0, "needs root and unshare(1)");
    List<String> command =
        List.of(
            unshare,
            "--mount",
            client.toString(),
            launcher.toString(),
            jar.toString(),
            "proc",
            Long.toString(ProcessHandle.current().pid()));
    CliRunner.Result run = run(tmp, Map.of("STACKSCOPE_SERVER", "require"), command);
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void aUserWithoutAPasswdEntryIsServed() throws Exception {
    String setpriv = which("setpriv");
    assumeTrue(setpriv != null && SocketPath.currentUid() == 0, "needs root and setpriv(1)");
    int uid = 54_321;
    assumeTrue(
        !Files.readString(Path.of("/etc/passwd")).contains(":" + uid + ":"),
        "uid " + uid + " has an entry");
    Path open = Files.createTempDirectory("stackscope-nopasswd");
    Path dir = SocketPath.directory(uid);
    Process nobody = null;
    try {
      Files.setPosixFilePermissions(
          open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      Path theJar = copyOfTheBuild(open.resolve("build"));
      Path theClient = Files.copy(client, open.resolve("client"));
      Path theLauncher = Files.copy(launcher, open.resolve("launcher"));
      List<String> as = List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups");
      List<String> serve = new ArrayList<>(as);
      serve.addAll(
          List.of(
              JAVA, "-XX:-UsePerfData", "-Dstackscope.serve=" + theJar, "-jar", theJar.toString()));
      ProcessBuilder pb = new ProcessBuilder(serve).directory(open.toFile());
      pb.redirectErrorStream(true).redirectOutput(tmp.resolve("nopasswd.log").toFile());
      nobody = pb.start();
      Path sock = SocketPath.socket(theJar.toString(), uid);
      Process server = nobody;
      waitFor(() -> Files.exists(sock) || !server.isAlive(), "the server's socket " + sock);
      assertTrue(server.isAlive(), () -> read(tmp.resolve("nopasswd.log")));
      List<String> command = new ArrayList<>(as);
      command.addAll(
          List.of(theClient.toString(), theLauncher.toString(), theJar.toString(), "ps"));
      CliRunner.Result r = run(open, Map.of("STACKSCOPE_SERVER", "require"), command);
      assertFalse(r.err().contains("the warm server did not run this command"), r.err());
      assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.exitCode() + ": " + r.err());
      assertTrue(startsWithPsHeader(r.out()), r.out());
    } finally {
      if (nobody != null) {
        nobody.destroy();
        nobody.waitFor(30, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(open.resolve("build/lib"));
      for (Path p :
          List.of(
              open.resolve("build/stackscope.jar"),
              open.resolve("build"),
              open.resolve("client"),
              open.resolve("launcher"),
              open)) {
        Files.deleteIfExists(p);
      }
      if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try (var left = Files.list(dir)) {
          for (Path p : (Iterable<Path>) left::iterator) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(dir);
      }
    }
  }

  @Test
  void aClientThatGoesAwayCancelsItsRunAndTheServerCarriesOn() throws Exception {
    List<String> command =
        List.of(
            client.toString(), launcher.toString(), jar.toString(), "ps", "--interval", "20000");
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Thread.sleep(500);
    p.destroy();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    CliRunner.Result next = served("proc", Long.toString(ProcessHandle.current().pid()));
    assertEquals(0, next.exitCode(), next.err());
    assertTrue(server.isAlive());
  }

  @Test
  void aRebuiltJarRetiresItsServer() throws Exception {
    Path copy = copyOfTheBuild(tmp.resolve("rebuilt"));
    Process second = startServer(copy, tmp.resolve("rebuilt.log"));
    try {
      List<String> command = List.of(client.toString(), launcher.toString(), copy.toString(), "ps");
      Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
      assertEquals(
          new CliRunner.Result(42, "COLD spawn= cold=1 args=ps\n", ""),
          run(tmp, Map.of(), command));
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the old server exits");
      assertFalse(Files.exists(SocketPath.socket(copy.toString(), SocketPath.currentUid())));
      assertTrue(
          read(tmp.resolve("rebuilt.log")).contains("the jar changed"),
          read(tmp.resolve("rebuilt.log")));
    } finally {
      second.destroyForcibly();
    }
  }

  // ---- who is served: the caller's credentials and mounts (issue 14)

  private static final Map<String, String> REQUIRE = Map.of("STACKSCOPE_SERVER", "require");

  /** The client's command line for {@code args}, for wrapping in setpriv, capsh, unshare. */
  static String clientLine(String... args) {
    List<String> words =
        new ArrayList<>(List.of(client.toString(), launcher.toString(), jar.toString()));
    words.addAll(List.of(args));
    return String.join(" ", words);
  }

  @Test
  void aCallerWithoutCapKillInItsBoundingSetIsNotServed() throws Exception {
    String setpriv = which("setpriv");
    assumeTrue(
        setpriv != null && SocketPath.currentUid() == 0, "needs root and setpriv(1) (util-linux)");
    String self = Long.toString(ProcessHandle.current().pid());
    List<String> dropped = new ArrayList<>(List.of(setpriv, "--bounding-set", "-kill"));
    dropped.addAll(List.of(clientLine("signal", self, "0").split(" ")));
    assertEquals(
        new CliRunner.Result(
            1,
            "",
            "stackscope: the warm server did not run this command: the caller's credentials"
                + " differ from the server's (CapPrm, CapEff, CapBnd)\n"),
        run(tmp, REQUIRE, dropped));
    assertEquals(
        new CliRunner.Result(42, "COLD spawn= cold=1 args=signal " + self + " 0\n", ""),
        run(tmp, Map.of(), dropped),
        "a fresh JVM runs it, with the caller's own capabilities");
    String capsh = which("capsh");
    if (capsh != null) {
      CliRunner.Result viaCapsh =
          run(
              tmp,
              REQUIRE,
              List.of(capsh, "--drop=cap_sys_ptrace", "--", "-c", clientLine("proc", self)));
      assertEquals(1, viaCapsh.exitCode(), viaCapsh.toString());
      assertTrue(
          viaCapsh.err().contains("credentials differ from the server's (")
              && viaCapsh.err().contains("CapBnd)"),
          viaCapsh.err());
    }
    List<String> same = new ArrayList<>(List.of(setpriv, "--bounding-set", "+kill"));
    same.addAll(List.of(clientLine("signal", self, "0").split(" ")));
    CliRunner.Result served = run(tmp, REQUIRE, same);
    assertEquals(0, served.exitCode(), "the same capabilities are served: " + served);
  }

  @Test
  void aRunInAMountNamespaceWithABindMountedEtcHostsIsNotServed() throws Exception {
    String unshare = which("unshare");
    assumeTrue(unshare != null && SocketPath.currentUid() == 0, "needs root and unshare(1)");
    assumeTrue(Files.isRegularFile(Path.of("/etc/hosts")), "no /etc/hosts to bind-mount over");
    Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.9 only-in-this-namespace\n");
    String self = Long.toString(ProcessHandle.current().pid());
    String script = "mount --bind " + hosts + " /etc/hosts && exec " + clientLine("proc", self);
    CliRunner.Result run = run(tmp, REQUIRE, List.of(unshare, "--mount", "sh", "-c", script));
    assertEquals(
        new CliRunner.Result(
            1,
            "",
            "stackscope: the warm server did not run this command: the caller sees other"
                + " mounts than the server (another mount namespace)\n"),
        run);
  }

  // ---- slots, timeouts, stdin

  @Test
  void killedClientsOfLongDnsTracesFreeTheirSlots() throws Exception {
    Path hints =
        Files.writeString(
            tmp.resolve("silent.hints"),
            ". 3600000 NS a.root.test.\na.root.test. 3600000 A 127.0.0.1\n");
    try (java.net.DatagramSocket silent =
        new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      List<Process> clients = new ArrayList<>();
      for (int i = 0; i < Server.MAX_CONCURRENT; i++) {
        List<String> command =
            new ArrayList<>(List.of(client.toString(), launcher.toString(), jar.toString()));
        command.addAll(
            List.of(
                "dns",
                "trace",
                "www.example.test",
                "--root-hints",
                hints.toString(),
                "--port",
                Integer.toString(silent.getLocalPort()),
                "--timeout",
                "60000",
                "--tries",
                "1"));
        clients.add(
            new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
      waitFor(
          () -> count(threads(server.pid()), "stackscope-watc") == Server.MAX_CONCURRENT,
          "every slot taken by a trace that waits for a silent server");
      CliRunner.Result busy =
          served(tmp, REQUIRE, "proc", Long.toString(ProcessHandle.current().pid()));
      assertEquals(
          new CliRunner.Result(
              1, "", "stackscope: the warm server did not run this command: busy\n"),
          busy);
      for (Process p : clients) {
        p.destroyForcibly(); // SIGKILL: the client cannot say goodbye, its socket just closes
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      }
      long killed = System.nanoTime();
      // A watcher sees its client go and interrupts the run; the run's thread then gives its slot
      // back. Poll until a command is served, not busy.
      waitFor(
          () ->
              served(tmp, REQUIRE, "proc", Long.toString(ProcessHandle.current().pid())).exitCode()
                  == 0,
          "a command served, not busy, after the clients were killed");
      // Cancelled, not timed out: each query would wait 60 s (the longest --timeout) for its
      // answer.
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
      assertTrue(seconds < 30, "slots freed " + seconds + " s after the clients were killed");
    }
  }

  static int count(String text, String word) {
    int n = 0;
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aConnectionThatSendsNothingIsClosedSoon() throws Exception {
    long start = System.nanoTime();
    try (java.nio.channels.SocketChannel idle =
        java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
      java.util.concurrent.CompletableFuture<Integer> read =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return idle.read(java.nio.ByteBuffer.allocate(1));
                } catch (IOException e) {
                  return -2;
                }
              });
      assertEquals(-1, read.get(60, TimeUnit.SECONDS), "closed by the server");
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(seconds < 30, "closed after " + seconds + " s");
    assertEquals(0, served("proc", Long.toString(server.pid())).exitCode());
  }

  @Test
  void aServerThatDoesNotAnswerWithinTwoSecondsIsGivenUp() throws Exception {
    Path mute = Files.createDirectories(tmp.resolve("mute"));
    Path muteJar = Files.writeString(mute.resolve("stackscope.jar"), "a jar whose server hangs");
    Path sock = SocketPath.socket(muteJar.toString(), SocketPath.currentUid());
    try (java.nio.channels.ServerSocketChannel hung =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      hung.bind(java.net.UnixDomainSocketAddress.of(sock)); // listens, never accepts, never answers
      List<String> command =
          List.of(client.toString(), launcher.toString(), muteJar.toString(), "ps");
      long start = System.nanoTime();
      assertEquals(
          new CliRunner.Result(42, "COLD spawn= cold=1 args=ps\n", ""),
          run(tmp, Map.of(), command));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis >= 1_900 && millis < 30_000, "gave up after " + millis + " ms");
      assertEquals(
          new CliRunner.Result(
              1,
              "",
              "stackscope: the warm server did not run this command: the server did not"
                  + " answer within 2 s\n"),
          run(tmp, REQUIRE, command));
    } finally {
      Files.deleteIfExists(sock);
    }
  }

  @Test
  void urlAndIpReadTheirStandardInputThroughTheServer() throws Exception {
    File urls =
        Files.writeString(tmp.resolve("urls.txt"), "https://a.example/\nhttp://[::1]:8080/x?y=1\n")
            .toFile();
    List<String> served =
        List.of(
            client.toString(),
            launcher.toString(),
            jar.toString(),
            "url",
            "--json",
            "--url-file",
            "-");
    CliRunner.Result url = run(tmp, REQUIRE, served, urls);
    assertEquals(0, url.exitCode(), url.err());
    List<?> json = (List<?>) dev.stackscope.testing.JsonValue.parse(url.out());
    assertEquals(2, json.size(), url.out());
    assertEquals("a.example", ((Map<?, ?>) json.get(0)).get("hostname"), url.out());
    List<String> cold = List.of(JAVA, "-jar", JAR.toString(), "url", "--json", "--url-file", "-");
    assertEquals(run(tmp, Map.of(), cold, urls), url, "what a fresh JVM prints");

    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 20_000; i++) { // more than one stdin frame (64 KiB)
      many.append("10.").append(i / 256 % 256).append('.').append(i % 256).append(".1\n");
    }
    File addresses =
        Files.writeString(tmp.resolve("addresses.txt"), many + "not-an-address\n").toFile();
    CliRunner.Result ip =
        run(
            tmp,
            REQUIRE,
            List.of(client.toString(), launcher.toString(), jar.toString(), "ip"),
            addresses);
    assertEquals(1, ip.exitCode(), "the last line is invalid: " + ip.err());
    assertEquals(20_000, ip.out().split("\n").length);
    assertEquals(run(tmp, Map.of(), List.of(JAVA, "-jar", JAR.toString(), "ip"), addresses), ip);
  }
}
