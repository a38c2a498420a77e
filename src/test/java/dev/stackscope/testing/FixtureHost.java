package dev.stackscope.testing;

import dev.stackscope.cli.Invocation;
import dev.stackscope.host.Host;
import dev.stackscope.ip.AddressParser;
import dev.stackscope.net.Links;
import dev.stackscope.process.SignalSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The fixture host of the golden tests: a {@code /proc} tree, {@code /etc} (passwd, group, hosts,
 * resolv.conf), {@code /sys} link speeds and the interfaces ({@code links.txt}) under
 * src/test/resources/dev/stackscope/host/, a clock fixed at {@link #NOW} in UTC, 4 KiB pages, and a
 * signal sender that records what it was asked and sends nothing. The processes: see the README.md
 * there.
 *
 * <p>The tree holds no symbolic links (a link to {@code /} in the sources would send every tool
 * that walks them, Maven's resource copy first, over the whole file system): {@code NAME.symlink}
 * holds the target of the link {@code NAME} ({@code exe}, {@code cwd}, {@code fd/N}), and the tree
 * is copied once per JVM to a temporary directory with the links made there ({@link #root()}).
 */
public final class FixtureHost {
  /** The fixture tree as stored. */
  public static final Path SOURCE =
      Path.of(System.getProperty("stackscope.repo", "."))
          .resolve("src/test/resources/dev/stackscope/host");

  private static Path root;
  private static boolean owned;

  /** The fixture's "now": 4.5 days after its boot (btime 2026-12-01T00:00:00Z). */
  public static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  /** The PID a run's caller has: above any PID Linux hands out, so no fixture process is it. */
  public static final long CALLER_PID = 4_194_305;

  private FixtureHost() {}

  /** The fixture tree with its links made: a temporary copy of {@link #SOURCE}, made once. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        Path tmp = Files.createTempDirectory("stackscope-fixture");
        materialise(SOURCE, tmp);
        owned = ownByStatus(tmp.resolve("proc"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
        root = tmp;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static void materialise(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.toString().contains("/golden")) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (name.endsWith(".symlink")) {
          Path link = target.resolveSibling(name.substring(0, name.length() - ".symlink".length()));
          Files.createSymbolicLink(link, Path.of(Files.readString(p, StandardCharsets.UTF_8)));
        } else if (!name.equals(".keep")) {
          Files.copy(p, target);
        }
      }
    }
  }

  /**
   * Gives each {@code proc/PID} directory the owner that Linux gives it, the process's effective
   * user and group from its {@code status} ({@code ports} names a socket's user from it); false
   * when this JVM may not (not root).
   */
  private static boolean ownByStatus(Path proc) throws IOException {
    try (var dirs = Files.list(proc)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        int uid = -1;
        int gid = -1;
        for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
          String[] f = line.split("\t");
          if (f[0].equals("Uid:")) {
            uid = Integer.parseInt(f[2]);
          } else if (f[0].equals("Gid:")) {
            gid = Integer.parseInt(f[2]);
          }
        }
        try {
          Files.setAttribute(dir, "unix:uid", uid);
          Files.setAttribute(dir, "unix:gid", gid);
        } catch (IOException | SecurityException e) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the fixture's process directories have their processes' owners (this JVM could chown
   * them): output that names a socket's user depends on it.
   */
  public static boolean processDirectoriesOwned() {
    root();
    return owned;
  }

  static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  /** A fresh fixture host (each run gets its own, as each served run does). */
  public static Host host() {
    return host(new RecordingSignals());
  }

  /** A fixture host whose signals go to {@code signals}. */
  public static Host host(SignalSender signals) {
    Path root = root();
    return Host.builder()
        .proc(root.resolve("proc"))
        .sys(root.resolve("sys"))
        .etc(root.resolve("etc"))
        .dockerRoot(root.resolve("var/lib/docker"))
        .containersRoot(root.resolve("var/lib/containers"))
        .netnsDir(root.resolve("run/netns"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .runningAsRoot(false)
        .pageSize(4096)
        .links(links(root.resolve("links.txt")))
        .signals(signals)
        .build();
  }

  /** A caller in this JVM's directory whose PID is no fixture process's, with empty stdin. */
  public static Invocation invocation() {
    return new Invocation(Path.of("").toAbsolutePath(), CALLER_PID, InputStream.nullInputStream());
  }

  /** A runner of commands against the fixture host. */
  public static CliRunner runner() {
    return new CliRunner().host(host()).invocation(invocation());
  }

  /**
   * Interfaces from a text file: {@code NAME INDEX up|down loopback|- MAC|- MTU
   * [ADDRESS/PREFIX]...} per line, {@code #} comments.
   */
  public static Links links(Path file) {
    List<Links.Link> links = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        List<Links.LinkAddress> addresses = new ArrayList<>();
        for (int i = 6; i < f.length; i++) {
          String[] a = f[i].split("/");
          addresses.add(new Links.LinkAddress(AddressParser.parse(a[0]), Integer.parseInt(a[1])));
        }
        byte[] mac = f[4].equals("-") ? null : HexFormat.ofDelimiter(":").parseHex(f[4]);
        links.add(
            new Links.Link(
                f[0],
                Integer.parseInt(f[1]),
                f[2].equals("up"),
                f[3].equals("loopback"),
                mac,
                Integer.parseInt(f[5]),
                addresses));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Links.Link> frozen = List.copyOf(links);
    return () -> frozen;
  }

  /**
   * Signals as an unprivileged user would see them: sent to a fixture process of a user other than
   * root, refused (EPERM) for root's, and no such process otherwise. Remembers each request.
   */
  public static final class RecordingSignals implements SignalSender {
    /** Each request as "PID SIGNAL". */
    public final List<String> sent = new ArrayList<>();

    @Override
    public Outcome send(int pid, int signal) {
      sent.add(pid + " " + signal);
      Path status = root().resolve("proc").resolve(Integer.toString(pid)).resolve("status");
      if (!Files.exists(status)) {
        return Outcome.NO_SUCH_PROCESS;
      }
      try {
        boolean root = Files.readAllLines(status).stream().anyMatch(l -> l.startsWith("Uid:\t0\t"));
        return root ? Outcome.NOT_PERMITTED : Outcome.SENT;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
