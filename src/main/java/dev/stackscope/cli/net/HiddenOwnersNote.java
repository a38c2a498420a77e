package dev.stackscope.cli.net;

/**
 * The one wording of "some sockets show no owner" ({@code ports}, {@code stack}): how many, why,
 * and whether root would see them — as root it is processes even root cannot inspect (not dumpable,
 * or guarded by a security module), not "other users'".
 */
public final class HiddenOwnersNote {
  private HiddenOwnersNote() {}

  /**
   * @param hidden sockets whose owner could not be seen
   * @param processes processes whose descriptors could not be listed
   * @param asRoot this run is root's
   */
  public static String of(long hidden, int processes, boolean asRoot) {
    return hidden
        + (hidden == 1 ? " socket's owner is" : " sockets' owners are")
        + " hidden ("
        + processes
        + (asRoot
            ? (processes == 1 ? " process whose" : " processes whose")
                + " descriptors even root cannot read)"
            : (processes == 1 ? " process" : " processes")
                + " not readable by this user); root sees them");
  }
}
