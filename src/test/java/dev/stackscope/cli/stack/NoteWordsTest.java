package dev.stackscope.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stackscope.stack.note.Note;
import dev.stackscope.stack.note.Note.Kind;
import org.junit.jupiter.api.Test;

/** The notes' words, as the domain's sentences were before the notes became records. */
class NoteWordsTest {
  @Test
  void connectionNotes() {
    assertEquals(
        "12 connections in CLOSE_WAIT at gunicorn port 8000: the clients have closed, the server"
            + " has not (a CLOSE_WAIT pile-up)",
        NoteWords.of(Note.connections(Kind.CLOSE_WAIT_PILE_UP, "gunicorn", 8000, 12)));
    assertEquals(
        "1 connection(s) to redis port 6379 from a local process that could not be identified"
            + " (closed, or another user's)",
        NoteWords.of(Note.connections(Kind.UNIDENTIFIED_CLIENT, "redis", 6379, 1)));
    assertEquals(
        "2 closed connection(s) to app port 80 from the same process (a self-connection)",
        NoteWords.of(Note.connections(Kind.SELF_CONNECTION, "app", 80, 2)));
  }

  @Test
  void fileNotes() {
    assertEquals(
        "role rules in /etc/x not used: cannot read it (permission denied)",
        NoteWords.of(Note.file(Kind.RULES_UNREADABLE, "/etc/x", null, "permission denied")));
    assertEquals(
        "nginx (pid 7) configuration: cannot read /etc/nginx/a.conf: no such file",
        NoteWords.of(
            Note.file(Kind.CONFIG_UNREADABLE, "/etc/nginx/a.conf", null, "no such file")
                .of("nginx", 7)));
    assertEquals(
        "haproxy (pid 9) configuration: more than 256 configuration files: /b and later ones"
            + " skipped",
        NoteWords.of(Note.file(Kind.CONFIG_TOO_MANY_FILES, "/b", 256, null).of("haproxy", 9)));
    assertEquals(
        "configuration larger than 8 MiB: /c skipped",
        NoteWords.of(Note.file(Kind.CONFIG_TOO_LARGE, "/c", 8, null)));
    assertEquals(
        "/d is larger than 1 MiB: the rest is ignored",
        NoteWords.of(Note.file(Kind.CONFIG_FILE_TRUNCATED, "/d", 1, null)));
    assertEquals(
        "include /e/*/x.conf: wildcards in directories are not followed",
        NoteWords.of(Note.file(Kind.CONFIG_WILDCARD_DIRECTORY, "/e/*/x.conf", null, null)));
    assertEquals(
        "cannot list /f: permission denied",
        NoteWords.of(Note.file(Kind.CONFIG_UNLISTABLE, "/f", null, "permission denied")));
  }
}
