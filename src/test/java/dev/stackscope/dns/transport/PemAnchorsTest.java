package dev.stackscope.dns.transport;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;

class PemAnchorsTest {
  private static final String CERT =
      """
      -----BEGIN CERTIFICATE-----
      MIIBgjCCASmgAwIBAgIUOpt8DcV+hOvw/oW7tCFQ5Xkdmu0wCgYIKoZIzj0EAwIw
      FzEVMBMGA1UEAwwMYW5jaG9ycy50ZXN0MB4XDTI2MTIwNTE1NDQ1OFoXDTM2MTIw
      MjE1NDQ1OFowFzEVMBMGA1UEAwwMYW5jaG9ycy50ZXN0MFkwEwYHKoZIzj0CAQYI
      KoZIzj0DAQcDQgAEOBkdhpGAJMsMZW709RvxZ6i3i1O/HN8FuWrhF1ceQhSO3NA6
      L96+sCLbsQ19S/+2dc4wbH961Ufit2yplbZboqNTMFEwHQYDVR0OBBYEFA8TdlNj
      xUr/oQSBKAyYUiKs4Ie9MB8GA1UdIwQYMBaAFA8TdlNjxUr/oQSBKAyYUiKs4Ie9
      MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgfeFab1HCSieYvoYR
      AMFEfWJSsOhySDfOV9H3IRYhVUMCIE5Ny+ImOXTpoFJyhL7pkU7fENatloNccWFo
      BiLLJkQc
      -----END CERTIFICATE-----
      """;

  @Test
  void theSameTextGivesTheSameAnchorsAndAnotherTextOthers() throws Exception {
    var first = PemAnchors.trusting(CERT);
    assertSame(first, PemAnchors.trusting(CERT));
    assertNotSame(first, PemAnchors.trusting(CERT + "\n"));
  }

  @Test
  void aTextWithoutCertificatesIsRefusedEveryTime() {
    assertThrows(CertificateException.class, () -> PemAnchors.trusting("no certificate"));
    assertThrows(CertificateException.class, () -> PemAnchors.trusting("no certificate"));
  }

  @Test
  void atMostKeptTextsAreKept() throws Exception {
    var first = PemAnchors.trusting(CERT + " ");
    for (int i = 0; i < PemAnchors.KEPT; i++) {
      PemAnchors.trusting(CERT + "\n".repeat(i + 2));
    }
    assertNotSame(first, PemAnchors.trusting(CERT + " "), "the least recently used is dropped");
  }
}
