package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.ip.IpAddress;
import dev.stackscope.stack.StackMap.UnixEdge;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unix-socket edges on fixture inputs: nginx → gunicorn over unix:/run/g.sock. */
class UnixEdgesTest {
  private final StackMapperTest fixture = new StackMapperTest();

  private StackMap mapWith(List<UnixLink> links) {
    return StackMapperTest.map(
        new StackInputs(
            fixture.procs, fixture.socks, Set.of(IpAddress.of(StackMapperTest.HOST)), links));
  }

  private void unixStack() {
    fixture.proc(1, 0, "init", "/sbin/init");
    fixture.proc(10, 1, "nginx", "nginx: master process /usr/sbin/nginx");
    fixture.proc(11, 10, "nginx", "nginx: worker process");
    fixture.proc(12, 10, "nginx", "nginx: worker process");
    fixture.proc(
        20, 1, "gunicorn", "/usr/bin/python3 /usr/bin/gunicorn --bind unix:/run/g.sock app:app");
    fixture.proc(
        21, 20, "gunicorn", "/usr/bin/python3 /usr/bin/gunicorn --bind unix:/run/g.sock app:app");
    fixture.listen("0.0.0.0", 80, 10, 11, 12);
  }

  @Test
  void anAppServerListeningOnlyOnAUnixSocketIsReachedOverIt() {
    unixStack();
    List<UnixLink> links =
        List.of(
            new UnixLink("/run/g.sock", 501, 601, List.of(21), List.of(11)),
            new UnixLink("/run/g.sock", 502, 602, List.of(21), List.of(12)),
            new UnixLink("/run/g.sock", 503, 603, List.of(20), List.of(21)), // inside gunicorn
            new UnixLink("/run/other.sock", 504, 604, List.of(99), List.of(11))); // no component
    StackMap m = mapWith(links);
    assertEquals(List.of(new UnixEdge("nginx", "gunicorn", "/run/g.sock", 2)), m.unixEdges());
    assertEquals(Role.APP, m.component("gunicorn").role());
    assertTrue(
        StackGraph.dot(m)
            .contains("\"nginx\" -> \"gunicorn\" [label=\"unix:/run/g.sock ×2\", style=dashed];"),
        StackGraph.dot(m));
    assertTrue(
        StackGraph.mermaid(m).contains("-.->|\"unix:/run/g.sock ×2\"|"), StackGraph.mermaid(m));
  }

  @Test
  void samplesMergeByConnectionNotBySnapshot() {
    unixStack();
    StackInputs first =
        new StackInputs(
            fixture.procs,
            fixture.socks,
            Set.of(IpAddress.of(StackMapperTest.HOST)),
            List.of(new UnixLink("/run/g.sock", 501, 601, List.of(21), List.of(11))));
    StackInputs second =
        new StackInputs(
            fixture.procs,
            fixture.socks,
            Set.of(IpAddress.of(StackMapperTest.HOST)),
            List.of(
                new UnixLink("/run/g.sock", 501, 601, List.of(21), List.of(11)),
                new UnixLink("/run/g.sock", 505, 605, List.of(21), List.of(12))));
    StackMap m = StackMapperTest.map(first.merge(second));
    assertEquals(List.of(new UnixEdge("nginx", "gunicorn", "/run/g.sock", 2)), m.unixEdges());
  }

  @Test
  void noLinksNoEdges() {
    unixStack();
    assertTrue(fixture.map().unixEdges().isEmpty());
  }
}
