package dev.stackscope.container;

/**
 * Where a process's cgroups place it: its systemd unit and slice, and the container it runs in.
 * Each is null when the paths name none.
 *
 * @param unit the systemd unit ({@code nginx.service}, {@code session-3.scope}, {@code
 *     user@1000.service}): the first unit on the path, the one {@code ps -o unit} shows
 * @param slice the slice holding that unit ({@code system.slice}, {@code user-1000.slice})
 * @param container the container, from the path's last part that names one
 */
public record Placement(String unit, String slice, ContainerRef container) {
  public static final Placement NONE = new Placement(null, null, null);
}
