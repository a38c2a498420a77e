package dev.stackscope.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsAndDescriptorsTest {
  @Test
  void secretLookingNames() {
    for (String n :
        List.of(
            "DB_PASSWORD",
            "api_token",
            "AWS_SECRET_ACCESS_KEY",
            "GITHUB_TOKEN",
            "MYSQL_PWD_PASS",
            "ssh_private_key",
            "PGPASSWORD")) {
      assertTrue(Secrets.isSecretName(n), n);
    }
    for (String n : List.of("PATH", "HOME", "PWD", "OLDPWD", "LANG", "DATABASE_URL")) {
      assertFalse(Secrets.isSecretName(n), n);
    }
  }

  @Test
  void urlPasswordsAreMaskedAndTheRestKept() {
    assertEquals(
        "postgres://app:•••@db:5432/x",
        Secrets.maskUrlPasswords("postgres://app:s3cret@db:5432/x", "•••"));
    assertEquals(
        "a=redis://:•••@r1 b=amqp://u:•••@q/v",
        Secrets.maskUrlPasswords("a=redis://:pw@r1 b=amqp://u:p%40ss@q/v", "•••"));
    assertEquals(
        "https://user@host/p:x@y", Secrets.maskUrlPasswords("https://user@host/p:x@y", "•••"));
    assertFalse(Secrets.hasUrlPassword("http://host:8080/"));
    assertTrue(Secrets.hasUrlPassword("mysql://root:toor@localhost"));
  }

  @Test
  void environParsing() {
    List<EnvironmentVariable> env =
        ProcessInspector.parseEnviron("A=1\0DB_PASSWORD=x\0URL=ftp://u:p@h\0EMPTY=\0=odd\0");
    assertEquals(5, env.size());
    assertEquals(new EnvironmentVariable("A", "1", false), env.get(0));
    assertTrue(env.get(1).secret());
    assertTrue(env.get(2).secret());
    assertEquals(new EnvironmentVariable("EMPTY", "", false), env.get(3));
    assertEquals("=odd", env.get(4).name());
  }

  @Test
  void descriptorKinds() {
    assertEquals(FileDescriptor.Kind.NULL, FileDescriptor.classify(0, "/dev/null").kind());
    FileDescriptor pipe = FileDescriptor.classify(1, "pipe:[40123]");
    assertEquals(FileDescriptor.Kind.PIPE, pipe.kind());
    assertEquals(40123, pipe.inode());
    FileDescriptor sock = FileDescriptor.classify(3, "socket:[77]");
    assertEquals(FileDescriptor.Kind.SOCKET, sock.kind());
    assertEquals(77, sock.inode());
    assertEquals(FileDescriptor.Kind.TTY, FileDescriptor.classify(2, "/dev/pts/4").kind());
    assertEquals(
        FileDescriptor.Kind.ANON, FileDescriptor.classify(5, "anon_inode:[eventfd]").kind());
    assertEquals(FileDescriptor.Kind.DEVICE, FileDescriptor.classify(6, "/dev/urandom").kind());
    assertEquals(
        FileDescriptor.Kind.FILE, FileDescriptor.classify(7, "/var/log/x.log (deleted)").kind());
    assertEquals(FileDescriptor.Kind.OTHER, FileDescriptor.classify(8, "net:[4026531840]").kind());
  }

  @Test
  void terminalNames() {
    assertNull(TtyNames.name(0));
    assertEquals("/dev/pts/0", TtyNames.name(34816));
    assertEquals("/dev/pts/3", TtyNames.name((136 << 8) | 3));
    assertEquals("/dev/pts/300", TtyNames.name((137 << 8) | 44));
    assertEquals("/dev/tty1", TtyNames.name((4 << 8) | 1));
    assertEquals("/dev/ttyS0", TtyNames.name((4 << 8) | 64));
  }
}
