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
   * A unit as shown in a column or a tree: a container id in it cut to 12 digits ({@code
   * docker-0123456789ab….scope}); JSON and proc show it whole.
   */
  static String unit(String unit) {
    if (unit == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(unit.length());
    int i = 0;
    while (i < unit.length()) {
      int j = i;
      while (j < unit.length() && isHexDigit(unit.charAt(j))) {
        j++;
      }
      if (j - i >= 32) {
        sb.append(unit, i, i + 12).append('…');
        i = j;
      } else if (j > i) {
        sb.append(unit, i, j);
        i = j;
      } else {
        sb.append(unit.charAt(i++));
      }
    }
    return sb.toString();
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
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
    if (c != null) {
      return null; // the same container: a unit change inside it is the runtime's affair
    }
    if (id.unit() != null && !Objects.equals(id.unit(), parent.unit())) {
      return "[" + unit(id.unit()) + "]";
    }
    return null;
  }
}
