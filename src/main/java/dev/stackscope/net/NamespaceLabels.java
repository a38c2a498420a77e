package dev.stackscope.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names network namespaces: by their {@code ip netns} name (a file under {@code /run/netns} bound
 * to the namespace: same inode), or by whatever else knows them (a container runtime's state, wired
 * in by another implementation). Null: no name; the namespace is then shown as {@code
 * netns:[INODE]}.
 */
public interface NamespaceLabels {
  /**
   * The name of namespace {@code inode}, whose processes are {@code pids} (ascending; empty for a
   * namespace only a {@code /run/netns} file holds), or null.
   */
  String name(long inode, List<Integer> pids);

  /** No names at all. */
  static NamespaceLabels none() {
    return (inode, pids) -> null;
  }

  /** The {@code ip netns} names: the files of {@code runNetns} by inode (at most 4,096 read). */
  static NamespaceLabels ipNetns(Path runNetns) {
    return new IpNetns(runNetns);
  }

  /** {@code ip netns}'s names, read once on first use. */
  final class IpNetns implements NamespaceLabels {
    private static final int MOST = 4096;
    private final Path dir;
    private Map<Long, String> byInode;

    IpNetns(Path dir) {
      this.dir = dir;
    }

    @Override
    public synchronized String name(long inode, List<Integer> pids) {
      return names().get(inode);
    }

    /** Every named namespace by inode (a name that is not one, unreadable: left out). */
    public synchronized Map<Long, String> names() {
      if (byInode == null) {
        byInode = new HashMap<>();
        String[] files = dir.toFile().list();
        if (files != null) {
          java.util.Arrays.sort(files); // the first name wins when two files bind one namespace
          for (int i = 0; i < files.length && i < MOST; i++) {
            try {
              Object ino = Files.getAttribute(dir.resolve(files[i]), "unix:ino");
              if (ino instanceof Long l && !new File(dir.toFile(), files[i]).isDirectory()) {
                byInode.putIfAbsent(l, files[i]);
              }
            } catch (IOException | RuntimeException e) {
              // gone or unreadable: unnamed
            }
          }
        }
      }
      return byInode;
    }
  }
}
