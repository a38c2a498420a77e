package dev.stackscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version from the build (a filtered resource), with the commit it was built from when the
 * build knew it (the dist profile asks git), and the JVM it runs on.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String commit = build().getProperty("commit", "");
    boolean known = !commit.isBlank() && !commit.startsWith("${"); // "${…}": not filtered
    // The commit on a line of its own: the man pages take the first line as their version.
    return known
        ? new String[] {
          "stackscope " + version(), "commit " + commit.strip(), "Java " + Runtime.version()
        }
        : new String[] {"stackscope " + version(), "Java " + Runtime.version()};
  }

  public static String version() {
    return build().getProperty("version", "unknown");
  }

  private static Properties build() {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/stackscope-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown below
    }
    return p;
  }
}
