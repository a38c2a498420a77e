package dev.stackscope.net;

import java.util.List;
import java.util.Set;

/**
 * Who can connect to a Unix socket bound to a path: connect(2) needs write permission on the socket
 * file and search permission on every directory above it (path_resolution(7)); root needs neither.
 * An abstract name has no file and no permission check: any process in the network namespace can
 * connect. POSIX ACLs and security modules are not read.
 *
 * <p>{@code gid} and {@code group} name the group whose members can connect when {@code who} is
 * {@link Who#GROUP}. {@code rootEquivalent}: the socket is the API of a daemon running as root that
 * runs whatever its callers ask ({@code docker.sock} and its kin), and someone other than root can
 * connect to it — connecting is as good as being root.
 */
public record ConnectAccess(Who who, Integer gid, String group, boolean rootEquivalent) {

  /** The widest class of local users that can connect. */
  public enum Who {
    /** Any local user (mode o+w and every directory o+x), or an abstract name. */
    ANY_USER,
    /** Members of one group. */
    GROUP,
    /** The socket file's owner (not root). */
    OWNER,
    /** Nobody but root. */
    ROOT_ONLY,
    /** The socket file was removed or replaced: nobody can reach this listener by its path. */
    NOBODY,
    /** The file or a directory above it could not be examined. */
    UNKNOWN
  }

  /** A file's owner, group and permission bits. */
  public record Mode(int uid, int gid, int bits) {}

  /**
   * File names of the sockets of daemons that do what their callers ask, as root: containers with
   * the host's root file system mounted, virtual machines. Whoever can connect is root-equivalent.
   */
  private static final Set<String> ROOT_APIS =
      Set.of(
          "docker.sock",
          "containerd.sock",
          "crio.sock",
          "podman.sock",
          "libvirt-sock",
          "buildkitd.sock");

  static final ConnectAccess ABSTRACT = new ConnectAccess(Who.ANY_USER, null, null, false);
  static final ConnectAccess GONE = new ConnectAccess(Who.NOBODY, null, null, false);
  static final ConnectAccess UNREADABLE = new ConnectAccess(Who.UNKNOWN, null, null, false);

  /**
   * Who can connect to a socket file with mode {@code socket} below directories {@code dirs}
   * (outermost first, the parent last), bound by a daemon running as {@code daemonUid} (-1:
   * unknown), at a path whose last component is {@code fileName}. {@code group} is left null (the
   * caller names it).
   */
  public static ConnectAccess decide(
      Mode socket, List<Mode> dirs, long daemonUid, String fileName) {
    Who who;
    Integer gid = null;
    if (writable(socket, 0002) && searchable(dirs, -1, -1)) {
      who = Who.ANY_USER;
    } else if ((gid = groupThatCanConnect(socket, dirs)) != null) {
      who = Who.GROUP;
    } else if (socket.uid() != 0 && writable(socket, 0200) && searchable(dirs, socket.uid(), -1)) {
      who = Who.OWNER;
    } else {
      who = Who.ROOT_ONLY;
    }
    boolean rootEquivalent =
        who != Who.ROOT_ONLY
            && (daemonUid == 0 || (daemonUid < 0 && socket.uid() == 0))
            && fileName != null
            && ROOT_APIS.contains(fileName);
    return new ConnectAccess(who, gid, null, rootEquivalent);
  }

  /** The same verdict with the group's name. */
  public ConnectAccess withGroup(String name) {
    return new ConnectAccess(who, gid, name, rootEquivalent);
  }

  /**
   * A group whose members pass every directory and may write the socket: the socket's group first,
   * then each directory's. Null when there is none.
   */
  private static Integer groupThatCanConnect(Mode socket, List<Mode> dirs) {
    Integer found = null;
    if (canConnectAsGroup(socket, dirs, socket.gid())) {
      found = socket.gid();
    }
    for (int i = 0; found == null && i < dirs.size(); i++) {
      if (canConnectAsGroup(socket, dirs, dirs.get(i).gid())) {
        found = dirs.get(i).gid();
      }
    }
    return found;
  }

  private static boolean canConnectAsGroup(Mode socket, List<Mode> dirs, int gid) {
    boolean write = socket.gid() == gid ? writable(socket, 0020) : writable(socket, 0002);
    return write && searchable(dirs, -1, gid);
  }

  private static boolean writable(Mode m, int bit) {
    return (m.bits() & bit) != 0;
  }

  /**
   * Whether a user {@code uid} (-1: an arbitrary one) in group {@code gid} (-1: none in particular)
   * can search every directory. As the kernel does, only the first class that applies counts: the
   * owner's bits for the owner, the group's for a member, the others' for the rest.
   */
  private static boolean searchable(List<Mode> dirs, int uid, int gid) {
    for (Mode d : dirs) {
      int bit;
      if (uid >= 0 && d.uid() == uid) {
        bit = 0100;
      } else if (gid >= 0 && d.gid() == gid) {
        bit = 0010;
      } else {
        bit = 0001;
      }
      if ((d.bits() & bit) == 0) {
        return false;
      }
    }
    return true;
  }
}
