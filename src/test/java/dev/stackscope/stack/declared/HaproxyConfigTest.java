package dev.stackscope.stack.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyConfigTest {
  @Test
  void serversOfBackendsAndListenSections() {
    String cfg =
        String.join(
            "\n",
            "global",
            "  daemon",
            "frontend fe",
            "  bind :80",
            "  server nope 127.0.0.1:1   # not in a backend",
            "backend app",
            "  server a1 127.0.0.1:8000 check",
            "  server a2 ipv6@::1:8001",
            "  server a3 unix@/run/app.sock",
            "  server a4 /run/other.sock",
            "  server a5 abns@hidden",
            "  server a6 db.internal:5432",
            "  server a7 127.0.0.1      # the frontend's port: skipped",
            "  server a8 \"${APP_ADDR}\"",
            "listen stats",
            "  server s1 [::1]:9000",
            "");
    List<String> out = new ArrayList<>();
    for (Declaration d : HaproxyConfig.parse(3, "/etc/haproxy/haproxy.cfg", cfg)) {
      out.add(d.directive() + " " + d.target() + " @" + d.where());
    }
    assertEquals(
        List.of(
            "backend app 127.0.0.1:8000 @haproxy.cfg:7",
            "backend app [::1]:8001 @haproxy.cfg:8",
            "backend app unix:/run/app.sock @haproxy.cfg:9",
            "backend app unix:/run/other.sock @haproxy.cfg:10",
            "backend app unix:@hidden @haproxy.cfg:11",
            "backend app db.internal:5432 @haproxy.cfg:12",
            "listen stats [::1]:9000 @haproxy.cfg:16"),
        out);
  }

  @Test
  void theFilesAreTheDashFArguments() {
    assertEquals(
        List.of("/etc/haproxy/haproxy.cfg", "conf.d"),
        HaproxyConfig.files(
            List.of(
                "haproxy", "-Ws", "-f", "/etc/haproxy/haproxy.cfg", "-f", "conf.d", "-p", "x")));
    assertEquals(
        List.of("a.cfg", "b.cfg"), HaproxyConfig.files(List.of("haproxy", "--", "a.cfg", "b.cfg")));
  }
}
