package dev.stackscope.output;

import static dev.stackscope.testing.Golden.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.Table.Column;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden-file tests of the one output layer: tables, trees, detail views and JSON. */
class RenderingTest {
  private static final String ESC = "\u001b";
  private static final String LONG_COMMAND =
      "/usr/bin/python3 -m gunicorn --workers 4 --bind 127.0.0.1:8000 app:application --log-level debug";

  private static RenderSettings pipe() {
    return RenderSettings.plain();
  }

  private static RenderSettings terminal(int width) {
    return new RenderSettings(true, width, true, false, false, false);
  }

  private static Table processes() {
    Table t =
        Table.of(
            Column.number("PID"),
            Column.text("USER"),
            Column.number("RSS"),
            Column.flexible("COMMAND"));
    t.row(1, "root", "12.0M", "/sbin/init");
    t.row(4242, "www-data", "120.5M", LONG_COMMAND);
    t.row(77, "eve", null, "evil" + ESC + "]0;pwned\u0007 \u009b2J\u202e");
    return t;
  }

  private static String lines(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void tableWhenPipedIsNeverCut() {
    String out = lines(processes().render(pipe()));
    assertMatches("dev/stackscope/output/table-pipe.txt", out);
    assertTrue(out.contains(LONG_COMMAND), "piped output keeps the whole command");
  }

  @Test
  void tableOnNarrowTerminalCutsTheFlexibleColumnWithEllipsis() {
    List<String> lines = processes().render(terminal(40));
    assertMatches("dev/stackscope/output/table-terminal-40.txt", lines(lines));
    for (String l : lines) {
      assertTrue(l.length() <= 40, "fits 40 columns: " + l);
    }
    assertTrue(lines.get(2).endsWith("…"));
  }

  @Test
  void tableWithAsciiLocaleUsesThreeDots() {
    List<String> lines = processes().render(terminal(40).withUnicode(false));
    assertTrue(lines.get(2).endsWith("..."), lines.get(2));
  }

  @Test
  void tableHeaderIsBoldOnlyWithColor() {
    String plain = processes().render(terminal(200)).get(0);
    String color = processes().render(terminal(200).withColor(true)).get(0);
    assertFalse(plain.contains(ESC));
    assertTrue(color.contains(ESC + "[1mPID" + ESC + "[0m"), color);
  }

  @Test
  void untrustedCellsCannotEmitEscapesEvenWithColorOn() {
    for (String l : processes().render(terminal(0).withColor(true))) {
      String withoutStyles = l.replaceAll("\u001b\\[[0-9;]*m", "");
      assertFalse(withoutStyles.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), l);
    }
  }

  private static TreeNode tree() {
    TreeNode root = TreeNode.of("systemd(1)");
    TreeNode sshd = root.add(TreeNode.of("sshd(300)"));
    TreeNode bash = sshd.add(TreeNode.of("bash(301)"));
    bash.add(TreeNode.of("vim(400) " + LONG_COMMAND));
    bash.add(TreeNode.of("title" + ESC + "]2;owned" + ESC + "\\"));
    root.add(TreeNode.of("cron(200)")).add(TreeNode.of("sh(201)"));
    root.add(TreeNode.of("3*[agetty]"));
    return root;
  }

  @Test
  void treeUnicode() {
    assertMatches(
        "dev/stackscope/output/tree-unicode.txt",
        lines(TreeRenderer.render(List.of(tree()), pipe())));
  }

  @Test
  void treeAscii() {
    assertMatches(
        "dev/stackscope/output/tree-ascii.txt",
        lines(TreeRenderer.render(List.of(tree()), pipe().withUnicode(false))));
  }

  @Test
  void treeOnNarrowTerminalIsCutPerLine() {
    List<String> lines = TreeRenderer.render(List.of(tree()), terminal(30));
    assertMatches("dev/stackscope/output/tree-terminal-30.txt", lines(lines));
    for (String l : lines) {
      assertTrue(l.codePointCount(0, l.length()) <= 30, l);
    }
  }

  @Test
  void detailView() {
    Detail d = Detail.titled("process 4242");
    d.section("Identity").field("pid", 4242).field("ppid", 1).field("state", "S (sleeping)");
    d.section("Command").field("command", LONG_COMMAND).field("cwd", "/srv/app\u001b[2J");
    d.section("Empty");
    d.section("Environment")
        .field("PATH", "/usr/bin")
        .field("DB_PASSWORD", Output.MASK)
        .field("EVIL\u009b", "x");
    assertMatches("dev/stackscope/output/detail.txt", lines(d.render(pipe())));
  }

  enum Kind {
    LISTEN,
    ESTABLISHED;

    @Override
    public String toString() {
      return name().toLowerCase();
    }
  }

  record Owner(int pid, String process, Optional<String> user) {}

  record Socket(
      String protocol,
      InetAddress localAddress,
      int localPort,
      Kind state,
      List<Owner> owners,
      Map<String, Object> extra,
      Instant seen,
      Double cpu,
      Object nothing) {}

  @Test
  void jsonFromRecords() throws Exception {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("note", "esc" + ESC + "[31m c1\u009b bidi\u202e del\u007f nl\n é");
    extra.put("numbers", new int[] {1, 2});
    Socket s =
        new Socket(
            "tcp",
            InetAddress.getByName("::1"),
            5432,
            Kind.LISTEN,
            List.of(
                new Owner(10, "postgres", Optional.of("postgres")),
                new Owner(11, "postgres", Optional.empty())),
            extra,
            Instant.parse("2026-11-27T10:15:30Z"),
            Double.NaN,
            null);
    StringWriter w = new StringWriter();
    JsonRenderer.write(List.of(s), w);
    assertMatches("dev/stackscope/output/sockets.json", w.toString());
    assertFalse(w.toString().chars().anyMatch(c -> c < 0x20 && c != '\n'), "no raw controls");
    assertFalse(w.toString().contains("\u009b"));
    assertFalse(w.toString().contains("\u202e"));
  }

  @Test
  void jsonEscapesCharactersOutsideTheBmp() throws Exception {
    // U+E0041 TAG LATIN CAPITAL LETTER A (default-ignorable, invisible) and U+1F600 (harmless):
    // Jackson sees each surrogate half alone, so both are escaped, and both decode back.
    String name =
        "a" + new String(Character.toChars(0xE0041)) + "b" + new String(Character.toChars(0x1F600));
    StringWriter w = new StringWriter();
    JsonRenderer.writeLine(Map.of("name", name), w);
    assertEquals("{\"name\":\"a\\uDB40\\uDC41b\\uD83D\\uDE00\"}\n", w.toString());
    assertFalse(
        w.toString().chars().anyMatch(c -> Character.isSurrogate((char) c)), "no raw surrogate");
    assertEquals(
        name,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(w.toString())
            .get("name")
            .asText());
  }

  @Test
  void jsonLineIsOneCompactLine() {
    StringWriter w = new StringWriter();
    JsonRenderer.writeLine(Map.of("a", List.of(1, 2)), w);
    assertEquals("{\"a\":[1,2]}\n", w.toString());
  }

  @Test
  void outputNotesGoToStderrSanitised() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Output o = new Output(new PrintWriter(out), new PrintWriter(err), pipe());
    o.note("cannot read /proc/1/environ\u001b[2J");
    o.value("value\u202e");
    assertEquals("stackscope: cannot read /proc/1/environ\\x1b[2J\n", err.toString());
    assertEquals("value\\u202e\n", out.toString());
    assertEquals(Output.MASK, o.secret("hunter2"));
    assertEquals("hunter2", o.with(pipe().withReveal(true)).secret("hunter2"));
  }

  @Test
  void colorByDefaultOnlyOnATerminalWithoutNoColor() {
    assertTrue(new TerminalInfo(true, Map.of("TERM", "xterm")).colorByDefault());
    assertFalse(new TerminalInfo(false, Map.of("TERM", "xterm")).colorByDefault());
    assertFalse(new TerminalInfo(true, Map.of("TERM", "xterm", "NO_COLOR", "1")).colorByDefault());
    assertFalse(new TerminalInfo(true, Map.of("TERM", "dumb")).colorByDefault());
  }

  @Test
  void utf8FromLocaleVariablesInPrecedenceOrder() {
    assertTrue(new TerminalInfo(false, Map.of("LANG", "en_US.UTF-8")).utf8());
    assertFalse(new TerminalInfo(false, Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8")).utf8());
    assertTrue(new TerminalInfo(false, Map.of("LC_CTYPE", "C.utf8")).utf8());
    assertFalse(new TerminalInfo(false, Map.of()).utf8());
    assertEquals(
        0, new TerminalInfo(false, Map.of("COLUMNS", "50")).width(), "pipes are unlimited");
    assertEquals(50, new TerminalInfo(true, Map.of("COLUMNS", "50")).width());
  }
}
