package dev.stackscope.stack.declared;

/**
 * nginx's configuration syntax as tokens: words (bare, or quoted with {@code "} or {@code '} and
 * backslash escapes), {@code {}, {@code }} and {@code ;}; {@code #} starts a comment where a word
 * would start. Each token knows its line.
 */
final class NginxTokens {
  enum Kind {
    WORD,
    OPEN,
    CLOSE,
    END
  }

  record Token(Kind kind, String text, int line) {}

  /** The longest word kept (the rest of a longer one is dropped). */
  static final int MAX_WORD = 8192;

  private final String s;
  private int at;
  private int line = 1;

  NginxTokens(String text) {
    this.s = text;
  }

  /** The next token, or null at the end. */
  Token next() {
    while (at < s.length()) {
      char c = s.charAt(at);
      if (c == '\n') {
        line++;
        at++;
      } else if (Character.isWhitespace(c)) {
        at++;
      } else if (c == '#') {
        while (at < s.length() && s.charAt(at) != '\n') {
          at++;
        }
      } else if (c == '{') {
        at++;
        return new Token(Kind.OPEN, "{", line);
      } else if (c == '}') {
        at++;
        return new Token(Kind.CLOSE, "}", line);
      } else if (c == ';') {
        at++;
        return new Token(Kind.END, ";", line);
      } else if (c == '"' || c == '\'') {
        return quoted(c);
      } else {
        return bare();
      }
    }
    return null;
  }

  private Token quoted(char quote) {
    int start = line;
    StringBuilder b = new StringBuilder();
    at++;
    while (at < s.length()) {
      char c = s.charAt(at++);
      if (c == quote) {
        break;
      }
      if (c == '\\' && at < s.length()) {
        c = s.charAt(at++);
      }
      if (c == '\n') {
        line++;
      }
      if (b.length() < MAX_WORD) {
        b.append(c);
      }
    }
    return new Token(Kind.WORD, b.toString(), start);
  }

  private Token bare() {
    StringBuilder b = new StringBuilder();
    while (at < s.length()) {
      char c = s.charAt(at);
      if (Character.isWhitespace(c) || c == ';' || c == '}') {
        break;
      }
      if (c == '{' && !(b.length() > 0 && b.charAt(b.length() - 1) == '$')) {
        break; // ${var} stays one word
      }
      if (c == '{') {
        // ${name}: up to the closing brace
        while (at < s.length() && s.charAt(at) != '}' && s.charAt(at) != '\n') {
          if (b.length() < MAX_WORD) {
            b.append(s.charAt(at));
          }
          at++;
        }
        if (at < s.length() && s.charAt(at) == '}') {
          b.append('}');
          at++;
        }
        continue;
      }
      if (c == '\\' && at + 1 < s.length() && s.charAt(at + 1) != '\n') {
        at++;
        c = s.charAt(at);
      }
      if (b.length() < MAX_WORD) {
        b.append(c);
      }
      at++;
    }
    return new Token(Kind.WORD, b.toString(), line);
  }
}
