package dev.stackscope.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /proc/PID/cgroup lines into unit, slice and container, for every path form the runtimes use. */
class CgroupPathsTest {
  private static final String ID = "0123456789abcdef".repeat(4);

  @Test
  void parsesV1AndV2Lines() {
    Cgroups c =
        Cgroups.parse(
            "12:pids:/system.slice/nginx.service\n"
                + "4:cpu,cpuacct:/system.slice/nginx.service\n"
                + "1:name=systemd:/system.slice/nginx.service\n"
                + "0::/system.slice/nginx.service\n");
    assertEquals("/system.slice/nginx.service", c.unified());
    assertEquals("/system.slice/nginx.service", c.systemd());
    assertEquals(2, c.v1().size());
    assertEquals(List.of("cpu", "cpuacct"), c.v1Hierarchy("cpuacct").controllers());
    assertEquals("/system.slice/nginx.service", c.v1Path("pids"));
    assertNull(c.v1Path("memory"));
  }

  @Test
  void skipsMalformedLinesAndKeepsColonsInPaths() {
    Cgroups c = Cgroups.parse("garbage\nx:memory:/a\n3:memory:relative\n0::/a:b\n");
    assertEquals("/a:b", c.unified());
    assertEquals(List.of(), c.v1());
    assertEquals(Cgroups.NONE, Cgroups.parse(""));
  }

  /** The v1 name=systemd path names the unit on a hybrid machine, where v2 may say less. */
  @Test
  void unitFromTheSystemdHierarchyFirst() {
    Placement p =
        CgroupPaths.placement(Cgroups.parse("1:name=systemd:/system.slice/cron.service\n0::/\n"));
    assertEquals("cron.service", p.unit());
    assertEquals("system.slice", p.slice());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "/system.slice/nginx.service                                | nginx.service     | system.slice    | -",
        "/user.slice/user-1000.slice/session-3.scope                | session-3.scope   | user-1000.slice | -",
        "/user.slice/user-1000.slice/user@1000.service/app.slice/x.service | user@1000.service | user-1000.slice | -",
        "/init.scope                                                | init.scope        | -.slice         | -",
        "/                                                          | -                 | -               | -",
        "/docker/ID                                                 | -                 | -               | docker ID",
        "/system.slice/docker-ID.scope                              | docker-ID.scope   | system.slice    | docker ID",
        "/libpod_parent/libpod-ID                                   | -                 | -               | podman ID",
        "/machine.slice/libpod-ID.scope/container                   | libpod-ID.scope   | machine.slice   | podman ID",
        "/machine.slice/libpod-conmon-ID.scope                      | libpod-conmon-ID.scope | machine.slice | podman ID",
        "/kubepods/burstable/pod1a2b-3c4d/ID                        | -                 | -               | kubernetes ID 1a2b-3c4d",
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1a2b_3c4d.slice/cri-containerd-ID.scope | cri-containerd-ID.scope | kubepods-burstable-pod1a2b_3c4d.slice | containerd ID 1a2b-3c4d",
        "/kubepods.slice/kubepods-pod9f.slice/crio-ID.scope         | crio-ID.scope     | kubepods-pod9f.slice | cri-o ID 9f",
        "/kubepods.slice/kubepods-pod9f.slice/crio-conmon-ID.scope  | crio-conmon-ID.scope | kubepods-pod9f.slice | cri-o ID 9f",
        "/lxc/web1                                                  | -                 | -               | lxc web1",
        "/lxc.payload.web2                                          | -                 | -               | lxc web2",
        "/machine.slice/machine-debian\\x2dtest.scope/payload        | machine-debian\\x2dtest.scope | machine.slice | systemd-nspawn debian-test",
        "/docker/ID/docker/0123456789ab                             | -                 | -               | docker 0123456789ab",
        "/docker/not-an-id                                          | -                 | -               | -",
        "/system.slice/docker-XYZ.scope                             | docker-XYZ.scope  | system.slice    | -",
      })
  void placement(String path, String unit, String slice, String container) {
    Placement p = CgroupPaths.placement(Cgroups.parse("0::" + path.replace("ID", ID) + "\n"));
    assertEquals(unit == null ? null : unit.replace("ID", ID), p.unit(), "unit");
    assertEquals(slice, p.slice(), "slice");
    ContainerRef c = p.container();
    String shown =
        c == null
            ? null
            : c.runtime() + " " + c.id() + (c.podUid() == null ? "" : " " + c.podUid());
    assertEquals(container == null ? null : container.replace("ID", ID), shown, "container");
  }

  /** With cgroupfs, every v1 line names the container; without a v2 line it is still found. */
  @Test
  void containerFromV1Controllers() {
    Placement p = CgroupPaths.placement(Cgroups.parse("4:memory:/docker/" + ID + "\n"));
    assertEquals(new ContainerRef(Runtime.DOCKER, ID, null), p.container());
    assertNull(p.unit());
  }
}
