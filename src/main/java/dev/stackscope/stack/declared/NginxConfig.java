package dev.stackscope.stack.declared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The upstreams an nginx configuration declares: {@code proxy_pass}, {@code fastcgi_pass}, {@code
 * uwsgi_pass}, {@code scgi_pass} and {@code grpc_pass} targets, an upstream block's {@code server}
 * lines for a pass that names the block, {@code unix:} sockets included. Follows {@code include}
 * (globs in the last path component, relative paths from the main file's directory) within {@link
 * ConfigFiles}'s limits. Targets holding variables ({@code $host}) are skipped: only a request
 * decides them.
 */
public final class NginxConfig {
  /** The pass directives and their default scheme's port. */
  private static final Map<String, Integer> PASSES =
      Map.of(
          "proxy_pass", 80,
          "fastcgi_pass", 0,
          "uwsgi_pass", 0,
          "scgi_pass", 0,
          "grpc_pass", 0);

  /** How deep blocks may nest. */
  static final int MAX_BLOCK_DEPTH = 64;

  private final ConfigFiles files;
  private final int pid;
  private final String confDir;
  private final Map<String, List<Declaration>> upstreams = new LinkedHashMap<>();
  private final List<Pass> passes = new ArrayList<>();

  /** A pass directive as written. */
  private record Pass(String directive, String value, String file, int line) {}

  private NginxConfig(ConfigFiles files, int pid, String confDir) {
    this.files = files;
    this.pid = pid;
    this.confDir = confDir;
  }

  /**
   * The main file: {@code -c FILE} (relative to the prefix {@code -p}, default {@code /etc/nginx/})
   * from the master's command line, else {@code /etc/nginx/nginx.conf}.
   */
  public static String mainFile(List<String> argv) {
    String conf = null;
    String prefix = null;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-c") && i + 1 < argv.size()) {
        conf = argv.get(++i);
      } else if (a.startsWith("-c") && a.length() > 2) {
        conf = a.substring(2);
      } else if (a.equals("-p") && i + 1 < argv.size()) {
        prefix = argv.get(++i);
      } else if (a.startsWith("-p") && a.length() > 2) {
        prefix = a.substring(2);
      }
    }
    if (conf == null) {
      return prefix == null ? "/etc/nginx/nginx.conf" : join(prefix, "conf/nginx.conf");
    }
    if (conf.startsWith("/")) {
      return conf;
    }
    return join(prefix == null ? "/etc/nginx" : prefix, conf);
  }

  private static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The declarations of the configuration whose main file is {@code mainFile}. */
  public static List<Declaration> read(ConfigFiles files, int pid, String mainFile) {
    int slash = mainFile.lastIndexOf('/');
    NginxConfig c = new NginxConfig(files, pid, slash <= 0 ? "/" : mainFile.substring(0, slash));
    c.file(mainFile, 0);
    return c.resolve();
  }

  /** The declarations of one file's text, includes followed through {@code files}. */
  public static List<Declaration> parse(ConfigFiles files, int pid, String name, String text) {
    int slash = name.lastIndexOf('/');
    NginxConfig c = new NginxConfig(files, pid, slash <= 0 ? "/" : name.substring(0, slash));
    c.text(name, text, 0);
    return c.resolve();
  }

  private void file(String path, int depth) {
    String text = files.read(path);
    if (text != null) {
      text(path, text, depth);
    }
  }

  private void text(String path, String text, int depth) {
    new Statements(path, new NginxTokens(text), depth).run();
  }

  /** Walks one file's statements, tracking the enclosing blocks. */
  private final class Statements {
    private final String path;
    private final NginxTokens tokens;
    private final int includeDepth;
    private final List<String> blocks = new ArrayList<>();

    Statements(String path, NginxTokens tokens, int includeDepth) {
      this.path = path;
      this.tokens = tokens;
      this.includeDepth = includeDepth;
    }

    void run() {
      List<String> words = new ArrayList<>();
      int line = 0;
      NginxTokens.Token t;
      while ((t = tokens.next()) != null) {
        switch (t.kind()) {
          case WORD -> {
            if (words.isEmpty()) {
              line = t.line();
            }
            if (words.size() < 64) {
              words.add(t.text());
            }
          }
          case OPEN -> {
            if (blocks.size() >= MAX_BLOCK_DEPTH) {
              return; // nginx refuses such a file; nothing more to learn from it
            }
            blocks.add(words.isEmpty() ? "" : blockName(words));
            words.clear();
          }
          case CLOSE -> {
            if (!blocks.isEmpty()) {
              blocks.remove(blocks.size() - 1);
            }
            words.clear();
          }
          case END -> {
            if (!words.isEmpty()) {
              statement(words, line);
            }
            words.clear();
          }
        }
      }
    }

    private String blockName(List<String> words) {
      String kind = words.get(0).toLowerCase(Locale.ROOT);
      return kind.equals("upstream") && words.size() > 1 ? "upstream " + words.get(1) : kind;
    }

    private void statement(List<String> words, int line) {
      String name = words.get(0);
      String current = blocks.isEmpty() ? "" : blocks.get(blocks.size() - 1);
      if (name.equals("include") && words.size() > 1) {
        if (includeDepth + 1 > ConfigFiles.MAX_INCLUDE_DEPTH) {
          return;
        }
        String pattern = words.get(1).startsWith("/") ? words.get(1) : join(confDir, words.get(1));
        for (String f : files.glob(pattern)) {
          file(f, includeDepth + 1);
        }
      } else if (name.equals("server") && current.startsWith("upstream ") && words.size() > 1) {
        String upstream = current.substring("upstream ".length());
        Declaration d = address(words.get(1), 80, "upstream " + upstream, path, line);
        List<Declaration> servers = upstreams.computeIfAbsent(upstream, k -> new ArrayList<>());
        if (d != null && servers.size() < 1024) {
          servers.add(d);
        }
      } else if (PASSES.containsKey(name) && words.size() > 1 && passes.size() < 4096) {
        passes.add(new Pass(name, words.get(1), path, line));
      }
    }
  }

  /** Each pass's targets: an upstream block's servers, or the address it names. */
  private List<Declaration> resolve() {
    List<Declaration> out = new ArrayList<>();
    for (Pass p : passes) {
      String v = p.value();
      if (v.indexOf('$') >= 0) {
        continue;
      }
      int defaultPort = PASSES.get(p.directive());
      int scheme = v.indexOf("://");
      if (scheme > 0) {
        String s = v.substring(0, scheme).toLowerCase(Locale.ROOT);
        defaultPort =
            switch (s) {
              case "https", "grpcs" -> 443;
              case "http", "grpc" -> 80;
              default -> defaultPort;
            };
        v = v.substring(scheme + 3);
      }
      if (!v.startsWith("unix:")) {
        int end = v.indexOf('/');
        v = end < 0 ? v : v.substring(0, end);
      }
      List<Declaration> servers = upstreams.get(v);
      if (servers != null) {
        for (Declaration d : servers) {
          out.add(d);
        }
        continue;
      }
      Declaration d = address(v, defaultPort, p.directive(), p.file(), p.line());
      if (d != null) {
        out.add(d);
      }
    }
    return dedupe(out);
  }

  private static List<Declaration> dedupe(List<Declaration> in) {
    Map<String, Declaration> seen = new LinkedHashMap<>();
    for (Declaration d : in) {
      seen.putIfAbsent(d.target() + "|" + d.file() + "|" + d.line(), d);
    }
    return new ArrayList<>(seen.values());
  }

  /**
   * {@code unix:/path} (a proxy_pass URL's {@code unix:/path:/uri} too), {@code host:port}, {@code
   * [v6]:port} or a bare host (the default port; none for a pass without one), or null.
   */
  private Declaration address(String v, int defaultPort, String directive, String file, int line) {
    if (v.startsWith("unix:")) {
      String path = v.substring(5);
      int colon = path.indexOf(':');
      path = colon < 0 ? path : path.substring(0, colon);
      return path.isEmpty()
          ? null
          : new Declaration(pid, "nginx", directive, null, 0, path, file, line);
    }
    HostPort hp = HostPort.parse(v, defaultPort);
    if (hp == null) {
      return null;
    }
    return new Declaration(pid, "nginx", directive, hp.host(), hp.port(), null, file, line);
  }
}
