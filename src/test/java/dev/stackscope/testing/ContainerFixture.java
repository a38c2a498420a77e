package dev.stackscope.testing;

import dev.stackscope.host.Host;
import dev.stackscope.process.SignalSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * A second fixture host, of containers and units: the tree under
 * src/test/resources/dev/stackscope/containerhost/ (see its README.md) — processes in systemd units
 * and in docker, podman, containerd, CRI-O, LXC and systemd-nspawn containers, their cgroup v2
 * files, the runtimes' state files and an {@code ip netns} name — with {@link FixtureHost}'s clock,
 * page size and link convention ({@code NAME.symlink}).
 */
public final class ContainerFixture {
  /** The fixture tree as stored. */
  public static final Path SOURCE =
      Path.of(System.getProperty("stackscope.repo", "."))
          .resolve("src/test/resources/dev/stackscope/containerhost");

  private static Path root;

  private ContainerFixture() {}

  /** The tree with its links made: a temporary copy of {@link #SOURCE}, made once per JVM. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        Path tmp = Files.createTempDirectory("stackscope-containerhost");
        FixtureHost.materialise(SOURCE, tmp);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FixtureHost.delete(tmp)));
        root = tmp;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** A fresh host on the fixture; it sends no signals. */
  public static Host host() {
    Path r = root();
    return Host.builder()
        .proc(r.resolve("proc"))
        .sys(r.resolve("sys"))
        .etc(r.resolve("etc"))
        .dockerRoot(r.resolve("var/lib/docker"))
        .containersRoot(r.resolve("var/lib/containers"))
        .containerdState(r.resolve("run/containerd"))
        .netnsDir(r.resolve("run/netns"))
        .clock(Clock.fixed(FixtureHost.NOW, ZoneOffset.UTC))
        .pageSize(4096)
        .links(FixtureHost.links(r.resolve("links.txt")))
        .signals((pid, signal) -> SignalSender.Outcome.NO_SUCH_PROCESS)
        .build();
  }

  /** A runner of commands against this fixture. */
  public static CliRunner runner() {
    return new CliRunner().host(host()).invocation(FixtureHost.invocation());
  }
}
