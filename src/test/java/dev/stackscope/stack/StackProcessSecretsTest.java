package dev.stackscope.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A secret on a command line never becomes part of what the stack map shows. */
class StackProcessSecretsTest {
  @Test
  void argvIsMaskedBeforeNamesAreDerived() {
    StackProcess p =
        StackProcess.of(
            HostSnapshotTest.info(
                5,
                1,
                "node",
                "app",
                "node",
                "--password",
                "s3cretpw",
                "--db=postgres://u:pw9@h/d",
                "server.js"));
    assertEquals(
        List.of("node", "--password", "•••", "--db=postgres://u:•••@h/d", "server.js"), p.argv());
    assertFalse(p.title().contains("s3cretpw") || p.title().contains("pw9"), p.title());
    assertFalse(
        String.valueOf(CommandLines.interpretedProgram(p.argv())).contains("s3cretpw"),
        "a component is never named after a secret");
  }

  @Test
  void theProgramIsTheScriptNotTheMaskedValueBeforeIt() {
    StackProcess p =
        StackProcess.of(
            HostSnapshotTest.info(
                5, 1, "node", "app", "node", "--password", "s3cretpw", "server.js"));
    assertEquals(List.of("node", "--password", "•••", "server.js"), p.argv(), "shown masked");
    assertEquals("server", CommandLines.interpretedProgram(p.argv()));
    assertEquals("server", new RoleClassifier(RoleRules.builtIn()).programOf(p));
    StackProcess token =
        StackProcess.of(
            HostSnapshotTest.info(
                6,
                1,
                "python3",
                "app",
                "python3",
                "--token",
                "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "worker.py"));
    assertEquals("worker", CommandLines.interpretedProgram(token.argv()));
  }
}
