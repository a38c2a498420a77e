package dev.stackscope.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stackscope.output.Table.Column;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast paths taken for plain ASCII text, and one write per view. */
class ColdPathTest {
  @Test
  void printableAsciiIsRecognisedExactly() {
    assertTrue(Sanitizer.isPrintableAscii("nginx: worker process ~!?"));
    assertTrue(Sanitizer.isPrintableAscii(""));
    assertFalse(Sanitizer.isPrintableAscii("tab\there"));
    assertFalse(Sanitizer.isPrintableAscii("del\u007f"));
    assertFalse(Sanitizer.isPrintableAscii("café"));
    assertFalse(Sanitizer.isPrintableAscii("\u009b"));
    // an unpaired surrogate encodes to '?' in as many bytes as chars: not taken for ASCII
    assertFalse(Sanitizer.isPrintableAscii("a\uD800b"));
    assertFalse(Sanitizer.isPrintableAscii("?\uDC00"));
    assertEquals("a?\uFFFD", Sanitizer.clean("a?\uD800"));
  }

  @Test
  void widthOfATextIsTheWidthOfItsCleanSpans() {
    for (String s :
        List.of("sleep", "a\u001b[2Jb", "日本語", "e\u0301", "tab\tx", "a\uD800b", "😀 ok")) {
      Text t = Text.of(s).add(s, Style.DIM);
      String clean = Sanitizer.clean(s);
      assertEquals(clean + clean, t.plain(), s);
      assertEquals(2 * Text.displayWidth(clean), t.width(), s);
      assertEquals(clean, Text.of(s).plain(), s);
    }
    assertEquals(0, Text.of(null).width());
    assertEquals("", Text.of("").plain());
  }

  @Test
  void displayWidthBelowTheCombiningMarksIsOneColumnPerChar() {
    StringBuilder latin = new StringBuilder();
    for (char c = 0x20; c < 0x300; c++) {
      if (c < 0x7f || c > 0x9f) {
        latin.append(c);
      }
    }
    assertEquals(latin.length(), Text.displayWidth(latin.toString()));
    assertEquals(1, Text.displayWidth("e\u0301")); // the combining accent takes no column
  }

  @Test
  void aViewIsWrittenAtOnce() {
    List<String> writes = new ArrayList<>();
    Writer recorder =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) {
            writes.add(new String(buf, off, len));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Output out =
        new Output(
            new PrintWriter(recorder, true),
            new PrintWriter(Writer.nullWriter()),
            RenderSettings.plain());
    Table t = Table.of(Column.number("PID"), Column.text("NAME"));
    t.row(1, "init").row(22, "sshd");
    out.table(t);
    String eol = System.lineSeparator();
    assertEquals(List.of("PID  NAME" + eol + "  1  init" + eol + " 22  sshd" + eol), writes);
  }
}
