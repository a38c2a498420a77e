package dev.stackscope.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates URL inputs (with an optional base) that exercise the parser's corners. */
final class UrlCorpus {
  private static final String[] SCHEMES = {
    "http",
    "https",
    "HTTP",
    "ws",
    "wss",
    "ftp",
    "file",
    "postgres",
    "redis",
    "mailto",
    "data",
    "javascript",
    "git+ssh",
    "foo",
    "sc",
    "blob"
  };
  private static final String[] USERINFO = {
    "",
    "",
    "",
    "user@",
    "user:pass@",
    ":pass@",
    "us%40er:p%3Ass@",
    "a b:c@",
    "ü:ö@",
    "u:@",
    "@",
    "a@b@",
    "x:y:z@"
  };
  private static final String[] HOSTS = {
    "example.com",
    "EXAMPLE.COM",
    "sub.example.co.uk",
    "127.0.0.1",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "2130706433",
    "0x7f000001",
    "192.168.1",
    "1.2.3.4.5",
    "256.1.1.1",
    "1.2.3.0x100",
    "[::1]",
    "[2001:DB8::1]",
    "[::ffff:192.0.2.1]",
    "[1:2:3:4:5:6:7:8]",
    "[::1",
    "[1::2::3]",
    "[fe80::1%25eth0]",
    "bücher.de",
    "MÜNCHEN.DE",
    "xn--bcher-kva.de",
    "例え.テスト",
    "faß.de",
    "a..b",
    "ex%41mple.com",
    "ex%2Fample.com",
    "exa mple.com",
    "localhost",
    "a_b.example",
    "",
    "-x.example",
    "x-.example",
    "0.0.0.0",
    "09.1.1.1",
    "1.1.1.08",
    "foo.0x",
    "foo.1.2.3"
  };
  private static final String[] PORTS = {
    "", "", "", ":80", ":443", ":8080", ":0", ":65535", ":65536", ":99999", ":", ":12a", ":00080"
  };
  private static final String[] PATHS = {
    "", "/", "/a/b/c", "/a/./b/../c", "/a/%2e%2E/b", "/./../..", "/a b/c", "/%zz/%41",
    "/ü/é", "/a\\b\\c", "/C:/x", "/C|/x", "//double//slash", "/a?b", "/^`{}|", "/.%2e/x",
    "/..\\..", "/;a=b/,c", "/\"<>"
  };
  private static final String[] QUERIES = {
    "", "", "?", "?a=1&b=2", "?q=a b", "?x='y'", "?é=ü", "?%zz", "?a=1#", "?<>\"", "?a=%20+b"
  };
  private static final String[] FRAGMENTS = {
    "", "", "#", "#frag", "#a b", "#ü", "#<x>", "#`x`", "#a#b"
  };
  private static final String[] RELATIVE = {
    "",
    "..",
    "../x",
    "./y?z",
    "//h2/p",
    "/abs",
    "?q",
    "#f",
    "x:y",
    "\\\\h\\p",
    "C|/z",
    ":foo",
    "  ../t\t",
    "%2e%2e/u",
    "file:x",
    "http:rel"
  };
  private static final String[] BASES = {
    "http://example.com/a/b/c?d#e",
    "file:///C:/dir/file",
    "https://u:p@h:8080/p/q",
    "sc://h/a/b",
    "data:text/plain,base"
  };

  private UrlCorpus() {}

  /** {@code n} pairs of (input, base or null). */
  static List<String[]> generate(Random r, int n) {
    List<String[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(5) == 0) {
        out.add(new String[] {pick(r, RELATIVE) + pick(r, PATHS), pick(r, BASES)});
        continue;
      }
      String scheme = pick(r, SCHEMES);
      String slashes =
          r.nextInt(8) == 0 ? pick(r, new String[] {"", "/", "\\\\", "///", "/\\"}) : "//";
      String url =
          scheme
              + ":"
              + slashes
              + pick(r, USERINFO)
              + pick(r, HOSTS)
              + pick(r, PORTS)
              + pick(r, PATHS)
              + pick(r, QUERIES)
              + pick(r, FRAGMENTS);
      if (r.nextInt(10) == 0) {
        url =
            pick(r, new String[] {" ", "\t", "\n", "\u0000", " \u001f"})
                + url
                + pick(r, new String[] {" ", "\r\n", "\u0001"});
      }
      if (r.nextInt(15) == 0) {
        int at = r.nextInt(url.length() + 1);
        url = url.substring(0, at) + pick(r, new String[] {"\t", "\n", "\r"}) + url.substring(at);
      }
      out.add(new String[] {url, null});
    }
    return out;
  }

  /** {@code n} realistic, mostly simple absolute URLs (the shape of logs and crawls). */
  static List<String> realistic(Random r, int n) {
    String[] schemes = {"https", "http", "wss", "ws", "ftp"};
    String[] words = {"api", "www", "cdn", "a-b", "x1", "shop", "v2", "users", "items", "0", "."};
    String[] tlds = {"com", "org", "co.uk", "github.io", "dev", "de", "0x1", "123", "xn--p1ai"};
    String[] ports = {"", "", "", ":80", ":443", ":8080", ":21", ":00443", ":65535", ":65536"};
    String[] tails = {"", "?", "?a=1&b=2", "?q=x|y[z]", "?q='x'", "#", "#f", "#a#b?c", "?x#y", "/"};
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder(pick(r, schemes)).append("://");
      for (int l = r.nextInt(3); l > 0; l--) {
        b.append(pick(r, words)).append('.');
      }
      b.append("site")
          .append(r.nextInt(1000))
          .append('.')
          .append(pick(r, tlds))
          .append(pick(r, ports));
      for (int s = r.nextInt(4); s > 0; s--) {
        b.append('/').append(pick(r, words));
      }
      out.add(b.append(pick(r, tails)).toString());
    }
    return out;
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
