package dev.stackscope.cli.dns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.dns.resolvconf.ProcessLookup.Lookup;
import dev.stackscope.dns.resolvconf.ProcessLookup.Pairing;
import dev.stackscope.dns.resolvconf.ProcessLookup.Query;
import dev.stackscope.dns.resolvconf.SearchFrom;
import dev.stackscope.output.Output;
import dev.stackscope.output.RenderSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header of dns resolve --as/--search: where the search list came from, what rotate chose. */
class ProcessLookupViewTest {
  private static Lookup lookup(
      List<String> search, SearchFrom from, String hostname, boolean rotate, String first) {
    return new Lookup(
        "www",
        List.of("files", "dns"),
        search,
        from,
        hostname,
        1,
        List.of("192.0.2.1", "192.0.2.2"),
        5,
        2,
        rotate,
        first,
        Pairing.PARALLEL,
        List.of(new Query("www.b.test.", "A", "192.0.2.2:53", "NOERROR", 1.0, 1)),
        "dns",
        "www.b.test.",
        List.of("192.0.2.30"),
        0,
        0,
        List.of());
  }

  private static String render(Lookup l) {
    StringWriter text = new StringWriter();
    Output out =
        new Output(
            new PrintWriter(text, true),
            new PrintWriter(new StringWriter()),
            RenderSettings.plain());
    ProcessLookupView.render(out, l, "this host", List.of());
    return text.toString();
  }

  @Test
  void theHeaderSaysWhereTheSearchListCameFrom() {
    String h = render(lookup(List.of("b.test"), SearchFrom.HOSTNAME, "h.b.test", false, null));
    assertTrue(h.contains("search: b.test (the domain of the hostname h.b.test);"), h);
    String env = render(lookup(List.of("e.test"), SearchFrom.LOCALDOMAIN, null, false, null));
    assertTrue(env.contains("search: e.test (LOCALDOMAIN);"), env);
    String none = render(lookup(List.of(), SearchFrom.NONE, "box", false, null));
    assertTrue(none.contains("the hostname box has no domain"), none);
    String unknown = render(lookup(List.of(), SearchFrom.HOSTNAME_UNKNOWN, null, false, null));
    assertTrue(unknown.contains("the hostname could not be read"), unknown);
    String file = render(lookup(List.of("a.test"), SearchFrom.FILE, null, false, null));
    assertTrue(file.contains("search: a.test; ndots 1"), file);
  }

  @Test
  void theHeaderNamesRotatesRandomFirstServer() {
    String r = render(lookup(List.of(), SearchFrom.FILE, null, true, "192.0.2.2"));
    assertTrue(
        r.contains("rotate: a random first server, 192.0.2.2 this time, then each query the next"),
        r);
    assertTrue(r.contains("192.0.2.2:53"), "the SERVER column: " + r);
    String plain = render(lookup(List.of(), SearchFrom.FILE, null, false, null));
    assertTrue(!plain.contains("rotate"), plain);
  }
}
