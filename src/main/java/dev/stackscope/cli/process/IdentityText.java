package dev.stackscope.cli.process;

import dev.stackscope.container.ContainerInfo;
import dev.stackscope.container.ProcessIdentities.Identity;
import java.util.Objects;

/** How a container or unit is written in text: {@code web: nginx:1.27}, {@code cron.service}. */
final class IdentityText {
  private IdentityText() {}

  /** {@code name: image}, {@code name}, or {@code runtime ID12} without a name. */
  static String container(ContainerInfo c) {
    if (c.name() == null) {
      return c.runtime() + " " + c.label();
    }
    return c.image() == null ? c.name() : c.name() + ": " + c.image();
  }

  /**
   * {@code [container]} when {@code id}'s container is not {@code parent}'s, else {@code [unit]}
   * when its unit is not; null when neither changes (or the change is to none).
   */
  static String changed(Identity id, Identity parent) {
    ContainerInfo c = id.container();
    ContainerInfo pc = parent.container();
    if (c != null && (pc == null || !c.id().equals(pc.id()))) {
      return "[" + container(c) + "]";
    }
    if (id.unit() != null && !Objects.equals(id.unit(), parent.unit())) {
      return "[" + id.unit() + "]";
    }
    return null;
  }
}
