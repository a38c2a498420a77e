package dev.stackscope.cli.process;

import dev.stackscope.container.ProcessIdentities.Identity;

/** The {@code --unit} and {@code --container} selections of ps and tree. */
final class IdentityFilter {
  private IdentityFilter() {}

  /**
   * Whether the process is of {@code unit} (its name, or a service's name without {@code .service})
   * and in {@code container} (its name, or its id or a prefix of it); a null selection selects
   * everything.
   */
  static boolean matches(Identity id, String unit, String container) {
    if (unit != null
        && (id.unit() == null
            || !(id.unit().equals(unit) || id.unit().equals(unit + ".service")))) {
      return false;
    }
    return container == null || (id.container() != null && id.container().matches(container));
  }
}
