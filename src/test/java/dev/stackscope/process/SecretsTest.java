package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each masking rule, with the ordinary text it must leave alone. */
class SecretsTest {
  private static final String M = "•••";

  private static String text(String s) {
    return Secrets.maskText(s, M);
  }

  @Test
  void passwordInAUrlsQuery() {
    assertEquals(
        "postgres://app@db/app?sslmode=require&password=•••",
        text("postgres://app@db/app?sslmode=require&password=s3cret"));
    assertEquals("https://h/cb?access_token=•••&x=1", text("https://h/cb?access_token=abc&x=1"));
    assertEquals("https://h/search?q=password&page=2", text("https://h/search?q=password&page=2"));
  }

  @Test
  void goDsnPassword() {
    assertEquals("app:•••@tcp(db:3306)/app", text("app:s3cret@tcp(db:3306)/app"));
    assertEquals(
        "DSN=root:•••@unix(/run/mysqld.sock)/x", text("DSN=root:pw@unix(/run/mysqld.sock)/x"));
    assertEquals(
        "app@tcp(db:3306)/app", text("app@tcp(db:3306)/app"), "no password, nothing masked");
  }

  @Test
  void javaSystemProperties() {
    assertEquals(
        "-Xmx1g -Dspring.datasource.password=••• -Djavax.net.ssl.keyStorePassword=••• -Dapp.name=x",
        text(
            "-Xmx1g -Dspring.datasource.password=hunter2 -Djavax.net.ssl.keyStorePassword=changeit"
                + " -Dapp.name=x"));
    assertEquals(
        "-Djavax.net.ssl.keyStore=/etc/ks.jks -Dfile.encoding=UTF-8",
        text("-Djavax.net.ssl.keyStore=/etc/ks.jks -Dfile.encoding=UTF-8"));
  }

  @Test
  void connectionStrings() {
    assertEquals(
        "Server=db;Database=app;User Id=sa;Password=•••;",
        text("Server=db;Database=app;User Id=sa;Password=Pw!;"));
    assertEquals("Driver={x};UID=a;PWD=•••;", text("Driver={x};UID=a;PWD=pw;"));
    assertEquals("Password=\"•••\" Host=h", text("Password=\"a b\" Host=h"));
    assertEquals("PWD=/home/ann", text("PWD=/home/ann"), "a working directory");
  }

  @Test
  void tokenShapedValuesKeepTheirPrefix() {
    assertEquals("ghp_•••", text("ghp_" + "a".repeat(36)));
    assertEquals("x github_pat_••• y", text("x github_pat_11ABCDEFG0" + "b".repeat(60) + " y"));
    assertEquals("xoxb-•••", text("xoxb-1234567890-abcdefghij"));
    assertEquals("xoxp-•••", text("xoxp-1234567890-abcdefghij"));
    assertEquals("id AKIA•••.", text("id AKIAIOSFODNN7EXAMPLE."));
    assertEquals("glpat-•••", text("glpat-abcdefghij0123456789"));
    assertEquals("sk_live_•••", text("sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
    assertEquals(
        "Bearer •••",
        text("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"));
    assertEquals(
        "curl -H 'Authorization: Bearer •••' h", text("curl -H 'Authorization: Bearer abc123' h"));
  }

  @Test
  void urlPasswordsStillMasked() {
    assertEquals("https://user:•••@host/", text("https://user:pw@host/"));
  }

  @Test
  void ordinaryWordsAndPathsAreLeftAlone() {
    for (String s :
        List.of(
            "/usr/sbin/nginx -g daemon on;",
            "PATH=/usr/local/bin:/usr/bin LANG=C.UTF-8",
            "--color=auto --keyboard=us --passive=true --author=bob --key=/etc/ssl/k.pem",
            "--token-file=/run/secrets/t --password-file /etc/pw --secret-name db",
            "ghp_short AKIA123 sk_live_ eyJhbGciOiJIUzI1NiJ9",
            "java -jar app.jar --server.port=8080",
            "https://example.com/path?page=2&sort=name",
            "tokenizer model passwords.txt secretary")) {
      assertEquals(s, text(s), s);
      assertEquals(
          List.of(s.split(" ")), Secrets.maskCommandLine(List.of(s.split(" ")), M), "argv " + s);
    }
  }

  @Test
  void secretKeys() {
    for (String k :
        List.of(
            "password",
            "dbPassword",
            "DB_PASSWORD",
            "api-key",
            "apiKey",
            "client_secret",
            "token",
            "X-Auth-Token",
            "PGPASSWORD",
            "storepass",
            "access_key",
            "passwd")) {
      assertTrue(Secrets.isSecretKey(k), k);
    }
    for (String k :
        List.of(
            "keyboard",
            "passive",
            "token-file",
            "key",
            "keyStore",
            "author",
            "bypass",
            "secret-name",
            "tokenizer",
            "name",
            "PWD_DIR")) {
      assertFalse(Secrets.isSecretKey(k), k);
    }
  }

  @Test
  void commandLineOptions() {
    assertEquals(
        List.of("app", "--password=•••", "--token", "•••", "--user", "bob", "--db-pass", "•••"),
        Secrets.maskCommandLine(
            List.of("app", "--password=x", "--token", "abc", "--user", "bob", "--db-pass", "y"),
            M));
    assertEquals(
        List.of("/usr/bin/mysql", "-uroot", "-p•••", "-h", "db", "app"),
        Secrets.maskCommandLine(
            List.of("/usr/bin/mysql", "-uroot", "-pS3cret", "-h", "db", "app"), M));
    assertEquals(
        List.of("grep", "-pX", "file"),
        Secrets.maskCommandLine(List.of("grep", "-pX", "file"), M),
        "-p is a password for mysql clients only");
    assertEquals(
        List.of("psql", "postgres://u:•••@h/db"),
        Secrets.maskCommandLine(List.of("psql", "postgres://u:pw@h/db"), M));
    assertEquals(
        List.of("keytool", "-storepass", "•••", "-keystore", "ks.jks"),
        Secrets.maskCommandLine(
            List.of("keytool", "-storepass", "changeit", "-keystore", "ks.jks"), M));
    assertEquals(
        List.of("app", "--token", "--verbose"),
        Secrets.maskCommandLine(List.of("app", "--token", "--verbose"), M),
        "an option is not a value");
  }

  @Test
  void typedLinesKeepTheirSpacingAndQuotes() {
    assertEquals(
        "explain  'https://user:•••@host/' --json",
        Secrets.maskLine("explain  'https://user:pw@host/' --json", M));
    assertEquals("run --token •••  --x", Secrets.maskLine("run --token 'a b'  --x", M));
    assertEquals("ps --match nginx", Secrets.maskLine("ps --match nginx", M));
  }

  @Test
  void environmentValues() {
    assertEquals(M, Secrets.maskEnvironmentValue("DB_PASSWORD", "x", M));
    assertEquals(
        "postgres://app@db/app?password=•••",
        Secrets.maskEnvironmentValue("DATABASE_URL", "postgres://app@db/app?password=x", M));
    assertEquals(
        "-Xmx1g -Dapp.Password=•••",
        Secrets.maskEnvironmentValue("JAVA_OPTS", "-Xmx1g -Dapp.Password=x", M));
    assertTrue(Secrets.isSecretVariable("DSN", "u:p@tcp(h)/d"));
    assertTrue(Secrets.isSecretVariable("GH", "ghp_" + "a".repeat(36)));
    assertFalse(Secrets.isSecretVariable("HOME", "/root"));
    assertFalse(Secrets.isSecretVariable("PWD", "/home/ann"));
  }
}
