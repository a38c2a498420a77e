package dev.stackscope.container;

import dev.stackscope.os.InputFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names, images and pods of containers from the runtimes' state files, without asking a daemon:
 * docker's {@code DOCKER_ROOT/containers/ID/config.v2.json}, podman's and CRI-O's {@code
 * CONTAINERS_ROOT/storage/overlay-containers/containers.json} and {@code …/ID/userdata/config.json}
 * annotations, containerd's task bundles ({@code
 * /run/containerd/io.containerd.runtime.v2.task/NS/ID/ config.json}: the CRI's {@code
 * io.kubernetes.cri.*} annotations). A file that cannot be read leaves the id alone, no error; a
 * root the user may not read is remembered ({@link #hidden()}). Each container is looked up once
 * per instance.
 */
public final class ContainerStates {
  static final int MAX_CONFIG = 8 << 20;
  static final int MAX_CONTAINERS_JSON = 64 << 20;

  private final Path dockerRoot;
  private final Path containersRoot;
  private final Path containerdState;
  private final Map<String, ContainerInfo> cache = new HashMap<>();
  private final Set<String> hidden = new LinkedHashSet<>();
  private Map<String, StateFiles.StorageContainer> storage;

  /**
   * @param dockerRoot docker's data root ({@code /var/lib/docker})
   * @param containersRoot containers/storage's parent ({@code /var/lib/containers})
   */
  public ContainerStates(Path dockerRoot, Path containersRoot) {
    this(dockerRoot, containersRoot, null);
  }

  /**
   * @param dockerRoot docker's data root ({@code /var/lib/docker})
   * @param containersRoot containers/storage's parent ({@code /var/lib/containers})
   * @param containerdState containerd's state directory ({@code /run/containerd}), with each task's
   *     OCI bundle; null: not read
   */
  public ContainerStates(Path dockerRoot, Path containersRoot, Path containerdState) {
    this.dockerRoot = dockerRoot;
    this.containersRoot = containersRoot;
    this.containerdState = containerdState;
  }

  /** The roots that exist but could not be read (not root), as paths. */
  public synchronized Set<String> hidden() {
    return Set.copyOf(hidden);
  }

  /** The container with what its runtime's state files say about it. */
  public synchronized ContainerInfo describe(ContainerRef ref) {
    String key = ref.runtime() + "/" + ref.id();
    ContainerInfo known = cache.get(key);
    if (known == null) {
      known = read(ref);
      cache.put(key, known);
    }
    return known;
  }

  private ContainerInfo read(ContainerRef ref) {
    String name = null;
    String image = null;
    String pod = null;
    String podNamespace = null;
    ContainerConfig configured = null;
    switch (ref.runtime()) {
      case LXC, NSPAWN -> name = ref.id();
      case DOCKER -> {
        byte[] json =
            bytes(dockerRoot, dockerRoot.resolve("containers/" + ref.id() + "/config.v2.json"));
        if (json != null) {
          StateFiles.DockerConfig c = StateFiles.dockerConfig(json);
          name = c.name();
          image = c.image();
          pod = c.pod();
          podNamespace = c.podNamespace();
        }
        byte[] host =
            bytes(dockerRoot, dockerRoot.resolve("containers/" + ref.id() + "/hostconfig.json"));
        configured = host == null ? null : StateFiles.dockerHostConfig(host);
      }
      case PODMAN, CRIO, KUBERNETES, CONTAINERD -> {
        StateFiles.StorageContainer s = storage().get(ref.id());
        if (s != null) {
          name = s.name();
          image = s.image();
        }
        byte[] config =
            bytes(
                containersRoot,
                containersRoot.resolve(
                    "storage/overlay-containers/" + ref.id() + "/userdata/config.json"));
        if (config != null) {
          Map<String, String> a = StateFiles.annotations(config);
          pod = a.get("io.kubernetes.pod.name");
          podNamespace = a.get("io.kubernetes.pod.namespace");
          if (a.containsKey("io.kubernetes.container.name")) {
            name = a.get("io.kubernetes.container.name"); // CRI-O: the pod's name for it
          }
          if (a.containsKey("io.kubernetes.cri-o.ImageName")) {
            image = a.get("io.kubernetes.cri-o.ImageName"); // a name rather than an image id
          }
        }
      }
      default -> {}
    }
    if ((ref.runtime() == Runtime.CONTAINERD || ref.runtime() == Runtime.KUBERNETES)
        && name == null
        && pod == null) {
      Map<String, String> a = containerdAnnotations(ref.id());
      name = a.get("io.kubernetes.cri.container-name");
      image = first(a.get("io.kubernetes.cri.image-name"), image);
      pod = first(a.get("io.kubernetes.cri.sandbox-name"), a.get("io.kubernetes.pod.name"));
      podNamespace =
          first(a.get("io.kubernetes.cri.sandbox-namespace"), a.get("io.kubernetes.pod.namespace"));
    }
    return new ContainerInfo(
        ref.runtime().toString(), ref.id(), name, image, pod, podNamespace, configured);
  }

  /** containerd's runtime v2 (and v1) task bundles: one directory per namespace, then per id. */
  private static final String[] TASK_DIRS = {
    "io.containerd.runtime.v2.task", "io.containerd.runtime.v1.linux"
  };

  /** At most this many containerd namespaces are looked in. */
  static final int MAX_NAMESPACES = 64;

  /**
   * The annotations of the container's OCI spec in containerd's state ({@code
   * STATE/io.containerd.runtime.v2.task/NAMESPACE/ID/config.json}, {@code k8s.io} for the CRI), or
   * none.
   */
  private Map<String, String> containerdAnnotations(String id) {
    if (containerdState == null) {
      return Map.of();
    }
    for (String tasks : TASK_DIRS) {
      Path dir = containerdState.resolve(tasks);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> namespaces;
      try (var list = Files.list(dir)) {
        namespaces = list.limit(MAX_NAMESPACES).sorted().toList();
      } catch (IOException | RuntimeException e) {
        if (e instanceof AccessDeniedException) {
          hidden.add(containerdState.toString());
        }
        continue;
      }
      for (Path ns : namespaces) {
        Path config = ns.resolve(id).resolve("config.json");
        if (Files.exists(config) || !Files.isExecutable(ns)) {
          byte[] json = bytes(containerdState, config);
          if (json != null) {
            return StateFiles.annotations(json);
          }
        }
      }
    }
    return Map.of();
  }

  private static String first(String a, String b) {
    return a != null && !a.isEmpty() ? a : b;
  }

  private Map<String, StateFiles.StorageContainer> storage() {
    if (storage == null) {
      byte[] json =
          bytes(
              containersRoot, containersRoot.resolve("storage/overlay-containers/containers.json"));
      storage = json == null ? Map.of() : StateFiles.storageContainers(json);
    }
    return storage;
  }

  /** A state file's bytes, or null (absent, unreadable, too large); notes a root denied. */
  private byte[] bytes(Path root, Path file) {
    if (!Files.exists(file)) {
      if (Files.isDirectory(root) && !Files.isExecutable(root)) {
        hidden.add(root.toString());
      }
      return null;
    }
    try {
      return InputFile.readBytes(file, "container state", limit(file));
    } catch (InputFile.Unreadable e) {
      if (e.getCause() instanceof AccessDeniedException) {
        hidden.add(root.toString());
      }
      return null;
    }
  }

  private static int limit(Path file) {
    return file.getFileName().toString().equals("containers.json")
        ? MAX_CONTAINERS_JSON
        : MAX_CONFIG;
  }
}
