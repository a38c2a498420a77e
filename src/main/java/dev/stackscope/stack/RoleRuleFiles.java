package dev.stackscope.stack;

import dev.stackscope.stack.note.Note;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's role rules: {@code /etc/stackscope/roles.rules}, {@code
 * $XDG_CONFIG_HOME/stackscope/roles.rules} ({@code ~/.config/…}) and the files named with {@code
 * stack --rules}, in the built-in rules' format. They are tried before the built-in rules, the most
 * specific first: the {@code --rules} files in the order given, then the user's file, then the
 * system's (as later configuration overrides earlier).
 */
public final class RoleRuleFiles {
  private RoleRuleFiles() {}

  /**
   * A rules file that cannot be used: too large, not UTF-8, a malformed rule, or missing when
   * named.
   */
  public static final class RuleFileException extends RuntimeException {
    public RuleFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The rule sets to classify with, in the order tried (users' files, then the built-in rules), and
   * notes on files that exist but could not be read.
   */
  public record Loaded(List<RoleRules> sets, List<Note> notes) {}

  /**
   * The user's own file: {@code $XDG_CONFIG_HOME/stackscope/roles.rules}, else under {@code
   * $HOME/.config}; null when neither is set.
   */
  public static Path userFile(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Path.of(xdg, "stackscope", "roles.rules");
    }
    String home = env.get("HOME");
    return home == null || home.isEmpty()
        ? null
        : Path.of(home, ".config", "stackscope", "roles.rules");
  }

  /**
   * Loads the rules files.
   *
   * @param system the system file (absent is fine, unreadable is a note)
   * @param user the user's file, or null (absent is fine, unreadable is a note)
   * @param named the {@code --rules} files (each must be readable)
   * @throws RuleFileException on a named file that cannot be read, or any file that is too large,
   *     not UTF-8, or holds a malformed rule
   */
  public static Loaded load(Path system, Path user, List<Path> named) {
    List<RoleRules> sets = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (Path p : named) {
      sets.add(read(p, true, notes));
    }
    for (Path p : new Path[] {user, system}) {
      if (p != null) {
        RoleRules r = read(p, false, notes);
        if (r != null) {
          sets.add(r);
        }
      }
    }
    sets.add(RoleRules.builtIn());
    return new Loaded(List.copyOf(sets), List.copyOf(notes));
  }

  private static RoleRules read(Path p, boolean named, List<Note> notes) {
    byte[] bytes;
    try {
      if (Files.isRegularFile(p) && Files.size(p) > RoleRules.MAX_BYTES) {
        throw new RuleFileException(p + ": larger than " + RoleRules.MAX_BYTES + " bytes", null);
      }
      if (!named && !Files.exists(p)) {
        return null;
      }
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      if (named) {
        throw new RuleFileException("--rules: no such file: " + p, e);
      }
      return null;
    } catch (IOException e) {
      if (named) {
        throw new RuleFileException("--rules: cannot read " + p + ": " + reason(e), e);
      }
      notes.add(Note.file(Note.Kind.RULES_UNREADABLE, p.toString(), null, reason(e)));
      return null;
    }
    if (bytes.length > RoleRules.MAX_BYTES) {
      throw new RuleFileException(p + ": larger than " + RoleRules.MAX_BYTES + " bytes", null);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RuleFileException(p + ": not UTF-8 text", e);
    }
    try {
      return RoleRules.parse(text, p.toString());
    } catch (IllegalArgumentException e) {
      throw new RuleFileException(e.getMessage(), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
