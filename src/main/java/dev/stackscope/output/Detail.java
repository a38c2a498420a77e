package dev.stackscope.output;

import java.util.ArrayList;
import java.util.List;

/** A detail view: a title, then titled sections of aligned key/value lines. */
public final class Detail {
  /** One key/value line; the value is untrusted text already wrapped in {@link Text}. */
  public record Field(String key, Text value) {}

  /** A titled section. */
  public static final class Section {
    private final String title;
    private final List<Field> fields = new ArrayList<>();

    private Section(String title) {
      this.title = title;
    }

    public Section field(String key, Object value) {
      Text text = value instanceof Text t ? t : Text.of(value == null ? "-" : value.toString());
      fields.add(new Field(Sanitizer.clean(key), text));
      return this;
    }

    public String title() {
      return title;
    }

    public List<Field> fields() {
      return fields;
    }
  }

  private final Text title;
  private final List<Section> sections = new ArrayList<>();

  public Detail(Text title) {
    this.title = title;
  }

  public static Detail titled(String untrusted) {
    return new Detail(Text.of(untrusted, Style.BOLD));
  }

  public Section section(String title) {
    Section s = new Section(title);
    sections.add(s);
    return s;
  }

  public List<String> render(RenderSettings settings) {
    List<String> lines = new ArrayList<>();
    if (title != null && title.width() > 0) {
      lines.add(title.render(settings.color(), settings.width(), settings.ellipsis()));
    }
    for (Section section : sections) {
      if (section.fields.isEmpty()) {
        continue;
      }
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.add(Text.of(section.title, Style.BOLD).render(settings.color(), 0, ""));
      int keyWidth = 0;
      for (Field f : section.fields) {
        keyWidth = Math.max(keyWidth, Text.displayWidth(f.key()));
      }
      for (Field f : section.fields) {
        String key = "  " + f.key() + " ".repeat(keyWidth - Text.displayWidth(f.key())) + "  ";
        int room = settings.width() > 0 ? Math.max(1, settings.width() - key.length()) : 0;
        lines.add(key + f.value().render(settings.color(), room, settings.ellipsis()));
      }
    }
    return lines;
  }
}
