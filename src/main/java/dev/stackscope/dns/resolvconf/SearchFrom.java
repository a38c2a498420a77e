package dev.stackscope.dns.resolvconf;

import java.util.Locale;

/**
 * Where glibc's res_init took the search list from: the {@code LOCALDOMAIN} environment variable, a
 * {@code search} or {@code domain} line of resolv.conf, or, with neither, the domain of the
 * hostname (the part after the first dot of gethostname(2)); {@link #NONE} when that hostname has
 * no dot, {@link #HOSTNAME_UNKNOWN} when the hostname could not be read, so the default is not
 * applied.
 */
public enum SearchFrom {
  LOCALDOMAIN,
  FILE,
  HOSTNAME,
  NONE,
  HOSTNAME_UNKNOWN;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
