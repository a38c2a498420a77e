package dev.stackscope.dist;

import static dev.stackscope.testing.Wait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackscope.server.SocketPath;
import dev.stackscope.testing.CliRunner;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution that {@code mvn -B -Pdist verify} builds into target/dist/ (README "Install"):
 * the tarball unpacked and run with no JDK on PATH and no JAVA_HOME, the .deb's file list and
 * control fields, the .deb unpacked into a scratch root, and, as root, installed for real with dpkg
 * and removed again. The dist profile is on where fakeroot is installed (so CI's plain {@code mvn
 * -B verify} runs this); without it there is nothing to test and every test here is skipped.
 */
class DistIT {
  private static final String DIST = System.getProperty("stackscope.dist", "");
  private static final String SELF = Long.toString(ProcessHandle.current().pid());
  private static final Duration LONG = Duration.ofMinutes(5);

  @TempDir static Path tmp;
  static Path tarball;
  static Path deb;
  static String version;

  /** A PATH with the few tools the launcher uses and no java. */
  static String path;

  @BeforeAll
  static void findTheDistribution() throws Exception {
    assumeTrue(
        !DIST.isEmpty(),
        "no distribution: DistIT runs under `mvn -B -Pdist verify`, which plain `mvn -B verify`"
            + " turns on where fakeroot is installed (.ci/run installs it)");
    Path dist = Path.of(DIST);
    try (Stream<Path> files = Files.list(dist)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith("-linux-x64.tar.gz")) {
          tarball = f;
          version =
              name.substring("stackscope-".length(), name.length() - "-linux-x64.tar.gz".length());
        } else if (name.endsWith("_amd64.deb")) {
          deb = f;
        }
      }
    }
    assertTrue(tarball != null, "no tarball in " + dist);
    Path bin = Files.createDirectories(tmp.resolve("path"));
    for (String tool :
        List.of(
            "sh", "readlink", "mkdir", "rm", "mv", "setsid", "env", "ls", "cat", "tr", "grep")) {
      for (String dir : List.of("/usr/bin", "/bin")) {
        Path found = Path.of(dir, tool);
        if (Files.isExecutable(found)
            && !Files.exists(bin.resolve(tool), LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(bin.resolve(tool), found);
        }
      }
    }
    path = bin.toString();
  }

  /** Runs with a clean environment: PATH without java, no JAVA_HOME, C.UTF-8. */
  static CliRunner.Result run(Path cwd, String... command) {
    return run(cwd, Map.of(), command);
  }

  static CliRunner.Result run(Path cwd, Map<String, String> extra, String... command) {
    List<String> line =
        new ArrayList<>(
            List.of("/usr/bin/env", "-i", "PATH=" + path, "LANG=C.UTF-8", "HOME=" + tmp));
    extra.forEach((k, v) -> line.add(k + "=" + v));
    line.addAll(List.of(command));
    return CliRunner.exec(cwd, Map.of(), LONG, line);
  }

  static CliRunner.Result host(Path cwd, String... command) {
    return CliRunner.exec(cwd, Map.of(), LONG, List.of(command));
  }

  static Set<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theTarballHoldsWhatTheIssueNamesAndNoMore() {
    CliRunner.Result list = host(tmp, "tar", "-tvzf", tarball.toString());
    assertEquals(0, list.exitCode(), list.err());
    String top = "stackscope-" + version + "/";
    Set<String> names = new TreeSet<>();
    for (String row : list.out().lines().toList()) {
      assertTrue(row.contains(" 0/0 "), "one owner, numeric: " + row);
      String name = row.substring(row.indexOf(top));
      names.add(name.replaceFirst(" -> .*", ""));
    }
    for (String expected :
        List.of(
            "bin/stackscope",
            "bin/stackscope.layout",
            "lib/stackscope.jar",
            "lib/stackscope-client",
            "runtime/bin/java",
            "runtime/lib/server/classes.jsa",
            "runtime/release",
            "man/man1/stackscope.1",
            "man/man1/stackscope-ports.1",
            "completions/stackscope.bash",
            "completions/_stackscope",
            "README.md",
            "LICENSE",
            "COPYRIGHT")) {
      assertTrue(names.contains(top + expected), "missing " + expected + " in " + names);
    }
    assertTrue(names.stream().allMatch(n -> n.startsWith(top)), "one top directory: " + names);
    assertTrue(
        names.stream()
            .noneMatch(n -> n.contains("/runtime/include/") || n.contains("/runtime/man/")),
        "jlink --no-header-files --no-man-pages");
    assertFalse(names.contains(top + "runtime/lib/server/classes_nocoops.jsa"));
  }

  /**
   * COPYRIGHT (the .deb's /usr/share/doc/stackscope/copyright, machine-readable) names a license
   * for every library the distribution ships: a new dependency without a line there fails here.
   */
  @Test
  void everyShippedLibraryHasItsLicenseInCopyright() {
    String top = "stackscope-" + version + "/";
    CliRunner.Result copyright = host(tmp, "tar", "-xzOf", tarball.toString(), top + "COPYRIGHT");
    assertEquals(0, copyright.exitCode(), copyright.err());
    List<java.nio.file.PathMatcher> globs = new ArrayList<>();
    List<String> patterns = new ArrayList<>();
    boolean inFiles = false;
    for (String line : copyright.out().lines().toList()) {
      if (line.startsWith("Files:")) {
        patterns.clear();
        patterns.addAll(List.of(line.substring(6).trim().split("\\s+")));
        inFiles = true;
      } else if (inFiles && line.startsWith(" ")) {
        patterns.addAll(List.of(line.trim().split("\\s+")));
      } else if (line.startsWith("License:") && !patterns.isEmpty()) {
        for (String pattern : patterns) {
          if (!pattern.equals("*")) {
            globs.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern));
          }
        }
        patterns.clear();
        inFiles = false;
      } else if (!line.startsWith(" ")) {
        inFiles = false;
      }
    }
    CliRunner.Result list = host(tmp, "tar", "-tzf", tarball.toString());
    assertEquals(0, list.exitCode(), list.err());
    List<String> jars =
        list.out()
            .lines()
            .map(n -> n.substring(top.length()))
            .filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
            .toList();
    assertTrue(jars.size() > 5, "the libraries: " + jars);
    for (String jar : jars) {
      assertTrue(
          globs.stream().anyMatch(g -> g.matches(Path.of(jar))),
          jar + " has no license in COPYRIGHT (src/dist/copyright)");
    }
    assertTrue(
        copyright.out().contains("License: Apache-2.0\n"), "the project's own license stanza");
  }

  @Test
  void theTarballRunsWithNoJdkOnPathAndStartsItsOwnWarmServer() throws Exception {
    Path where = Files.createDirectories(tmp.resolve("unpacked"));
    CliRunner.Result untar = host(where, "tar", "-xzf", tarball.toString());
    assertEquals(0, untar.exitCode(), untar.err());
    Path home = where.resolve("stackscope-" + version).toRealPath();
    String launcher = home.resolve("bin/stackscope").toString();
    assertNotEquals(0, run(tmp, "sh", "-c", "command -v java").exitCode(), "no java on " + path);

    CliRunner.Result modules =
        run(tmp, home.resolve("runtime/bin/java").toString(), "--list-modules");
    assertEquals(0, modules.exitCode(), modules.err());
    Set<String> names = lines(modules.out().replaceAll("@\\S+", ""));
    assertTrue(names.contains("java.base") && names.contains("jdk.net"), names.toString());
    assertFalse(names.contains("java.desktop") || names.contains("jdk.compiler"), names.toString());

    Map<String, String> off = Map.of("STACKSCOPE_SERVER", "off");
    CliRunner.Result v = run(tmp, off, launcher, "--version");
    assertEquals(0, v.exitCode(), v.err());
    assertTrue(
        v.out()
            .matches(
                "(?s)stackscope \\Q" + version + "\\E\ncommit [0-9a-f]{7,}(-dirty)?\nJava 17.*"),
        v.out());
    assertEquals("", v.err());

    CliRunner.Result tree = run(Path.of("/"), off, launcher, "tree", "-p", SELF);
    assertEquals(0, tree.exitCode(), tree.err());
    assertTrue(tree.out().contains(SELF), tree.out());

    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRunner.Result ports = run(tmp, off, launcher, "ports", "--json");
      assertTrue(ports.exitCode() == 0 || ports.exitCode() == 3, ports.err()); // 3: owners hidden
      boolean mine = false;
      for (JsonNode socket : ports.json()) {
        if (socket.path("localPort").asInt() == listener.getLocalPort()) {
          for (JsonNode owner : socket.path("owners")) {
            mine |= owner.path("pid").asText().equals(SELF);
          }
        }
      }
      assertTrue(
          mine,
          "the test's listener on port "
              + listener.getLocalPort()
              + " with its PID: "
              + ports.out());
    }

    CliRunner.Result url =
        run(tmp, off, launcher, "url", "--json", "https://bücher.example:8080/a?q#f");
    assertEquals(0, url.exitCode(), url.err());
    JsonNode u = url.json().get(0);
    assertEquals(
        "xn--bcher-kva.example", u.path("hostname").asText(), "ICU's IDNA on this runtime");
    assertEquals("8080", u.path("port").asText());

    // The class-data-sharing archive: made by the first runs' training run, for this runtime and
    // this jar where they are (-Xshare:on fails when the archive does not fit).
    Path archive = home.resolve("lib/cds/runtime-17.jsa");
    waitFor(
        () -> Files.exists(archive) && !Files.exists(home.resolve("lib/cds/runtime-17.jsa.lock")),
        "the training run's archive " + archive);
    CliRunner.Result shared =
        run(
            tmp,
            home.resolve("runtime/bin/java").toString(),
            "-Xshare:on",
            "-XX:SharedArchiveFile=" + archive,
            "-jar",
            home.resolve("lib/stackscope.jar").toString(),
            "--version");
    assertEquals(0, shared.exitCode(), shared.out() + shared.err());

    // The warm server, as from a clone: the first run starts it, later ones are served.
    String jar = home.resolve("lib/stackscope.jar").toString();
    Path socket = SocketPath.socket(jar, SocketPath.currentUid());
    try {
      CliRunner.Result first = run(tmp, launcher, "proc", SELF);
      assertEquals(0, first.exitCode(), first.err());
      waitFor(
          () ->
              run(tmp, Map.of("STACKSCOPE_SERVER", "require"), launcher, "proc", SELF).exitCode()
                  == 0,
          "the installed copy's warm server at " + socket);
      CliRunner.Result served =
          run(Path.of("/"), Map.of("STACKSCOPE_SERVER", "require"), launcher, "tree", "-p", SELF);
      assertEquals(0, served.exitCode(), served.err());
      assertTrue(served.out().contains(SELF), served.out());
    } finally {
      Files.deleteIfExists(socket); // the server sees its socket gone and exits
    }
  }

  @Test
  void theDebHasTheFilesWhereUsersLookAndDependsOnLibrariesOnly() {
    assumeTrue(deb != null, "no .deb was built (no dpkg-deb/dpkg-shlibdeps on the build host)");
    CliRunner.Result fields =
        host(
            tmp,
            "dpkg-deb",
            "--field",
            deb.toString(),
            "Package",
            "Version",
            "Architecture",
            "Depends");
    assertEquals(0, fields.exitCode(), fields.err());
    Map<String, String> f =
        fields
            .out()
            .lines()
            .filter(l -> l.contains(": "))
            .collect(
                Collectors.toMap(
                    l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(": ") + 2)));
    assertEquals("stackscope", f.get("Package"));
    assertEquals(version.replace('-', '~'), f.get("Version"));
    assertEquals("amd64", f.get("Architecture"));
    for (String dependency : f.get("Depends").split(",\\s*")) {
      String name = dependency.replaceFirst("\\s.*", "");
      assertTrue(
          name.startsWith("lib") || name.equals("zlib1g"),
          "only shared libraries: " + f.get("Depends"));
    }
    assertTrue(f.get("Depends").contains("libc6"), f.get("Depends"));

    CliRunner.Result contents = host(tmp, "dpkg-deb", "--contents", deb.toString());
    assertEquals(0, contents.exitCode(), contents.err());
    Set<String> paths = new TreeSet<>();
    for (String row : contents.out().lines().toList()) {
      assertTrue(row.contains(" root/root "), row);
      String name = row.substring(row.indexOf(" ./") + 2).replaceFirst(" -> .*", "");
      paths.add(name.length() > 1 ? name.replaceFirst("/$", "") : name); // directories end in /
    }
    assertTrue(
        contents.out().contains("./usr/bin/stackscope -> /opt/stackscope/bin/stackscope"),
        contents.out());
    for (String expected :
        List.of(
            "/opt/stackscope/bin/stackscope",
            "/opt/stackscope/lib/stackscope.jar",
            "/opt/stackscope/lib/stackscope-client",
            "/opt/stackscope/runtime/bin/java",
            "/usr/share/man/man1/stackscope.1.gz",
            "/usr/share/man/man1/stackscope-ports.1.gz",
            "/usr/share/bash-completion/completions/stackscope",
            "/usr/share/zsh/vendor-completions/_stackscope",
            "/usr/share/doc/stackscope/copyright")) {
      assertTrue(paths.contains(expected), "missing " + expected + " in " + paths);
    }
    List<String> places =
        List.of(
            "/opt/stackscope",
            "/usr/bin/stackscope",
            "/usr/share/man/man1/stackscope",
            "/usr/share/bash-completion/completions/stackscope",
            "/usr/share/zsh/vendor-completions/_stackscope",
            "/usr/share/doc/stackscope");
    for (String p : paths) {
      boolean placed =
          places.stream()
              .anyMatch(place -> p.startsWith(place) || Path.of(place).startsWith(Path.of(p)));
      assertTrue(placed, "outside its places (or their parent directories): " + p);
    }
  }

  @Test
  void theDebUnpackedIntoAScratchRootRunsFromThere() throws Exception {
    assumeTrue(deb != null, "no .deb was built (no dpkg-deb/dpkg-shlibdeps on the build host)");
    Path root = Files.createDirectories(tmp.resolve("root"));
    CliRunner.Result x = host(tmp, "dpkg-deb", "-x", deb.toString(), root.toString());
    assertEquals(0, x.exitCode(), x.err());
    assertEquals(
        Path.of("/opt/stackscope/bin/stackscope"),
        Files.readSymbolicLink(root.resolve("usr/bin/stackscope")));
    CliRunner.Result v =
        run(
            tmp,
            Map.of("STACKSCOPE_SERVER", "off", "STACKSCOPE_NO_CDS", "1"),
            root.resolve("opt/stackscope/bin/stackscope").toString(),
            "ip",
            "--brief",
            "10.0.0.1");
    assertEquals(0, v.exitCode(), v.err());
    assertTrue(v.out().startsWith("10.0.0.1"), v.out());
  }

  /**
   * As root on a Debian host: dpkg -i for real, the command, its man page and its completion where
   * users find them, then dpkg -r leaves none of its files (nor the archive postinst made).
   */
  @Test
  void installedWithDpkgItWorksAndRemovingItLeavesNothing() throws Exception {
    assumeTrue(deb != null, "no .deb was built (no dpkg-deb/dpkg-shlibdeps on the build host)");
    assumeTrue(SocketPath.currentUid() == 0, "installing a .deb needs root");
    assumeTrue(
        host(tmp, "dpkg-query", "-W", "stackscope").exitCode() != 0,
        "a stackscope package is installed already: not touching it");
    assumeTrue(
        !Files.exists(Path.of("/opt/stackscope")),
        "/opt/stackscope exists already: not touching it");
    CliRunner.Result install = dpkg("-i", deb.toString());
    try {
      assertEquals(0, install.exitCode(), install.out() + install.err());
      CliRunner.Result listed = host(tmp, "dpkg-query", "-L", "stackscope");
      assertEquals(0, listed.exitCode(), listed.err());
      List<Path> files = listed.out().lines().filter(l -> l.startsWith("/")).map(Path::of).toList();

      CliRunner.Result v =
          run(tmp, Map.of("STACKSCOPE_SERVER", "off"), "/usr/bin/stackscope", "--version");
      assertEquals(0, v.exitCode(), v.err());
      assertTrue(v.out().startsWith("stackscope " + version + "\ncommit "), v.out());
      assertTrue(
          Files.exists(Path.of("/opt/stackscope/lib/cds/runtime-17.jsa")),
          "postinst made the archive");

      CliRunner.Result man = host(tmp, "man", "-w", "stackscope-ports");
      assertEquals(0, man.exitCode(), man.err());
      assertEquals("/usr/share/man/man1/stackscope-ports.1.gz", man.out().strip());

      Path loader = Path.of("/usr/share/bash-completion/bash_completion");
      if (Files.exists(loader)) { // bash-completion: what an interactive shell sources on Debian
        CliRunner.Result complete =
            host(
                tmp,
                "bash",
                "--norc",
                "-c",
                ". " + loader + " && __load_completion stackscope && complete -p stackscope");
        assertEquals(0, complete.exitCode(), complete.err());
        assertTrue(complete.out().contains("stackscope"), complete.out());
      }
      assertTrue(Files.isRegularFile(Path.of("/usr/share/zsh/vendor-completions/_stackscope")));

      CliRunner.Result remove = dpkg("-r", "stackscope");
      assertEquals(0, remove.exitCode(), remove.out() + remove.err());
      for (Path file : files) {
        if (!file.startsWith("/opt/stackscope")
            && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          continue; // /usr/share/man/man1 and the like: shared with other packages
        }
        assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), "left behind: " + file);
      }
      assertFalse(Files.exists(Path.of("/opt/stackscope")), "left behind: /opt/stackscope");
    } finally {
      if (host(tmp, "dpkg-query", "-W", "stackscope").exitCode() == 0) {
        dpkg("-r", "stackscope");
      }
    }
  }

  /** dpkg, waiting while another dpkg or apt holds its lock (shared CI machines). */
  static CliRunner.Result dpkg(String... args) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("dpkg"));
    command.addAll(List.of(args));
    CliRunner.Result r = null;
    for (int i = 0; i < 60; i++) {
      r = CliRunner.exec(tmp, Map.of("DEBIAN_FRONTEND", "noninteractive"), LONG, command);
      if (r.exitCode() == 0 || !(r.err() + r.out()).contains("lock")) {
        return r;
      }
      Thread.sleep(2000);
    }
    return r;
  }
}
