package dev.stackscope.cli.http;

import dev.stackscope.cli.CommandException;
import dev.stackscope.cli.ExitCode;
import dev.stackscope.cli.InputFiles;
import dev.stackscope.http.TlsInspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine.Option;

/** How an HTTPS request checks the server (http, explain --http): --cacert and --insecure. */
public final class TrustOptions {
  /** The largest --cacert file read. */
  static final int MAX_CACERT = 1024 * 1024;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description = "Trust only the CA certificates in this PEM file.")
  Path cacert;

  @Option(
      names = {"-k", "--insecure"},
      description = "Go on when the certificate does not verify (the verdict is still shown).")
  boolean insecure;

  public boolean insecure() {
    return insecure;
  }

  /** The --cacert file, or null. */
  public Path cacert() {
    return cacert;
  }

  /**
   * The trust anchors: --cacert's, or the JDK's. A file that is missing, too big or no PEM
   * certificate is a usage error (exit 2).
   */
  public TlsInspector anchors() {
    try {
      if (cacert == null) {
        return TlsInspector.systemTrust();
      }
      String pem = InputFiles.readText(cacert, "--cacert", MAX_CACERT);
      return TlsInspector.trusting(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | IOException e) {
      throw new CommandException(
          ExitCode.USAGE,
          "--cacert " + cacert + ": not a PEM certificate file (" + e.getMessage() + ")");
    }
  }
}
