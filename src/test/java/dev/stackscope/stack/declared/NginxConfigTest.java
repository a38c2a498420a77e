package dev.stackscope.stack.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.stack.note.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxConfigTest {
  @TempDir Path root;

  private void write(String path, String text) throws Exception {
    Path p = root.resolve(path.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static List<String> show(List<Declaration> ds) {
    List<String> out = new ArrayList<>();
    for (Declaration d : ds) {
      out.add(d.directive() + " " + d.target() + " @" + d.where());
    }
    return out;
  }

  @Test
  void upstreamsPassesAndIncludes() throws Exception {
    write(
        "/etc/nginx/nginx.conf",
        String.join(
            "\n",
            "# main",
            "events { }",
            "http {",
            "  upstream app {",
            "    server unix:/run/gunicorn.sock fail_timeout=0;",
            "    server 127.0.0.1:8001 weight=2;",
            "    server [::1]:8002;",
            "    keepalive 4;",
            "  }",
            "  include conf.d/*.conf;",
            "  include /etc/nginx/missing.conf;",
            "}",
            ""));
    write(
        "/etc/nginx/conf.d/a.conf",
        String.join(
            "\n",
            "server {",
            "  location / { proxy_pass http://app; }",
            "  location /php { fastcgi_pass unix:/run/php/php-fpm.sock; }",
            "  location /u { uwsgi_pass 127.0.0.1:3031; }",
            "  location /g { grpc_pass grpc://127.0.0.1:50051; }",
            "  location /v { proxy_pass http://$backend; }",
            "  location /x { proxy_pass http://unix:/run/x.sock:/api/; }",
            "  location /s { proxy_pass \"https://localhost\"; }",
            "}",
            ""));
    write(
        "/etc/nginx/conf.d/b.conf",
        "upstream later { server 10.0.0.5:9000; }\n"
            + "server { location / { proxy_pass http://later/path; } }\n");
    ConfigFiles files = new ConfigFiles(root);
    List<Declaration> ds = NginxConfig.read(files, 7, "/etc/nginx/nginx.conf");
    assertEquals(
        List.of(
            "upstream app unix:/run/gunicorn.sock @nginx.conf:5",
            "upstream app 127.0.0.1:8001 @nginx.conf:6",
            "upstream app [::1]:8002 @nginx.conf:7",
            "fastcgi_pass unix:/run/php/php-fpm.sock @a.conf:3",
            "uwsgi_pass 127.0.0.1:3031 @a.conf:4",
            "grpc_pass 127.0.0.1:50051 @a.conf:5",
            "proxy_pass unix:/run/x.sock @a.conf:7",
            "proxy_pass localhost:443 @a.conf:8",
            "upstream later 10.0.0.5:9000 @b.conf:1"),
        show(ds));
    assertEquals(7, ds.get(0).pid());
    assertEquals(
        List.of(
            Note.file(
                Note.Kind.CONFIG_UNREADABLE, "/etc/nginx/missing.conf", null, "no such file")),
        files.notes());
  }

  @Test
  void theMainFileComesFromTheMastersArguments() {
    assertEquals("/etc/nginx/nginx.conf", NginxConfig.mainFile(List.of("nginx")));
    assertEquals(
        "/srv/ng/conf/nginx.conf", NginxConfig.mainFile(List.of("nginx", "-p", "/srv/ng")));
    assertEquals(
        "/srv/ng/my.conf",
        NginxConfig.mainFile(List.of("nginx", "-p", "/srv/ng/", "-c", "my.conf")));
    assertEquals("/a/b.conf", NginxConfig.mainFile(List.of("nginx", "-c/a/b.conf")));
    assertEquals("/etc/nginx/x.conf", NginxConfig.mainFile(List.of("nginx", "-c", "x.conf")));
  }

  @Test
  void anIncludeLoopStopsAtTheLimits() throws Exception {
    write(
        "/etc/nginx/nginx.conf",
        "include nginx.conf;\nupstream u { server 127.0.0.1:1; }\n"
            + "server { location / { proxy_pass http://u; } }\n");
    ConfigFiles files = new ConfigFiles(root);
    List<Declaration> ds = NginxConfig.read(files, 1, "/etc/nginx/nginx.conf");
    assertEquals(List.of("upstream u 127.0.0.1:1 @nginx.conf:2"), show(ds));
  }

  @Test
  void tooManyFilesMakeANote() throws Exception {
    StringBuilder main = new StringBuilder("include conf.d/*.conf;\n");
    for (int i = 0; i < ConfigFiles.MAX_FILES + 5; i++) {
      write(String.format("/etc/nginx/conf.d/%04d.conf", i), "# empty\n");
    }
    write("/etc/nginx/nginx.conf", main.toString());
    ConfigFiles files = new ConfigFiles(root);
    NginxConfig.read(files, 1, "/etc/nginx/nginx.conf");
    assertTrue(
        files.notes().stream()
            .anyMatch(n -> n.kind() == Note.Kind.CONFIG_TOO_MANY_FILES && n.count() == 256),
        files.notes().toString());
  }
}
