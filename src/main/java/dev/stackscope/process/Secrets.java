package dev.stackscope.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule for what is a secret, in one place; used for environment values, command lines ({@code
 * ps}, {@code tree -a}, {@code proc}), targets ({@code explain}) and the shell's history. Callers
 * mask unless the user asked for {@code --reveal}.
 *
 * <ul>
 *   <li>Environment variables whose name contains {@code PASSWORD}, {@code PASSWD}, {@code PASS},
 *       {@code SECRET}, {@code TOKEN}, {@code KEY}, {@code CREDENTIAL}, {@code AUTH}, {@code
 *       PRIVATE} or {@code COOKIE} (case-insensitive; a few false alarms such as {@code XAUTHORITY}
 *       are the price of not missing one): the whole value.
 *   <li>In any text: the password of a URL ({@code scheme://user:password@host}) and of a Go DSN
 *       ({@code user:password@tcp(host)/db}); the value of a {@code key=value} pair whose key names
 *       a secret ({@code ?password=…} in a URL's query, {@code -Dapp.dbPassword=…}, {@code
 *       Password=…;} in a connection string, {@code --token=…}); credentials after {@code
 *       Authorization:}; and token-shaped values, kept to their telling prefix: GitHub ({@code
 *       ghp_…}, {@code github_pat_…}), Slack ({@code xoxb-…}), AWS access key IDs ({@code AKIA…}),
 *       GitLab ({@code glpat-…}), Stripe ({@code sk_live_…}) and JSON Web Tokens ({@code
 *       eyJ….….…}).
 *   <li>In command lines: the next argument after an option that names a secret ({@code --token X},
 *       {@code --password X}), and mysql's {@code -pSECRET}.
 * </ul>
 *
 * A key or option names a secret when it contains {@code password}, {@code passwd} or {@code
 * passphrase}, or one of its words (split at {@code -_.} and camelCase) is {@code pass}, {@code
 * pwd}, {@code secret}, {@code token}, {@code credential(s)}, {@code cookie}, {@code apikey},
 * keytool's {@code storepass}/{@code keypass}, or two of them are {@code api key}, {@code access
 * key}, {@code secret key}, {@code private key} or {@code client secret} — unless its last word is
 * one such as {@code file}, {@code path}, {@code dir}, {@code url}, {@code name}, {@code type} or
 * {@code id}: then the value names or describes the secret and is not one ({@code --token-file
 * /run/t}). {@code PWD=/path} (a working directory) is not a password.
 */
public final class Secrets {
  private static final String[] SECRET_WORDS = {
    "PASSWORD",
    "PASSWD",
    "PASS",
    "SECRET",
    "TOKEN",
    "KEY",
    "CREDENTIAL",
    "AUTH",
    "PRIVATE",
    "COOKIE"
  };

  private static final Set<String> KEY_WORDS =
      Set.of(
          "password",
          "passwd",
          "pass",
          "pwd",
          "secret",
          "token",
          "credential",
          "credentials",
          "cookie",
          "apikey",
          "passphrase",
          "secretkey",
          "accesskey",
          "privatekey",
          "storepass",
          "keypass",
          "srcstorepass",
          "deststorepass",
          "srckeypass",
          "destkeypass");
  private static final Set<String> KEY_PAIRS =
      Set.of("api key", "access key", "secret key", "private key", "client secret");
  private static final Set<String> NOT_SECRET_ENDINGS =
      Set.of("file", "path", "dir", "url", "uri", "name", "type", "length", "id", "env", "command");

  /** Programs whose {@code -pSECRET} is a password. */
  private static final Set<String> MYSQL_CLIENTS =
      Set.of(
          "mysql",
          "mysqldump",
          "mysqladmin",
          "mysqlimport",
          "mysqlshow",
          "mysqlcheck",
          "mysqlslap",
          "mysqlpump",
          "mysqlbinlog",
          "mariadb",
          "mariadb-dump",
          "mariadb-admin",
          "mariadb-import",
          "mariadb-show",
          "mariadb-check",
          "mariadb-slap",
          "mariadb-binlog");

  // A key=value pair: a key that starts at a boundary (it may follow -D, --, ?, &, ;, a blank or
  // a quote), then the value up to a blank, ;, &, a quote or a comma; a quoted value to its quote.
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*=(\"[^\"]*\"|'[^']*'|[^\\s;&\"',]*)");
  private static final Pattern GO_DSN =
      Pattern.compile("(?<![\\w/:@])[\\w.\\-]*:([^\\s@/:()]+)@(?:tcp|tcp6|udp|unix)\\(");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\b(?:proxy-)?authorization\\s*:\\s*(?:(?:bearer|basic|token|digest)\\s+)?([^\\s'\"]+)");
  // Token-shaped values; group 1 is the prefix that is kept.
  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<![A-Za-z0-9_\\-])(?:"
              + "(gh[pousr]_)[A-Za-z0-9]{20,}"
              + "|(github_pat_)[A-Za-z0-9_]{20,}"
              + "|(xox[abposre]-)[A-Za-z0-9\\-]{10,}"
              + "|((?:AKIA|ASIA))[A-Z0-9]{16}"
              + "|(glpat-)[A-Za-z0-9_\\-]{20,}"
              + "|((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{10,}"
              + "|()eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"
              + ")(?![A-Za-z0-9_\\-])");

  private Secrets() {}

  /** True when an environment variable of this name should not be shown by default. */
  public static boolean isSecretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.equals("PWD") || n.equals("OLDPWD")) {
      return false; // working directories, not passwords
    }
    for (String w : SECRET_WORDS) {
      if (n.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a URL query parameter's value is a secret ({@code url --redact}): the rules for
   * environment names ({@code token}, {@code key}, {@code access_token}, {@code password}), and
   * signatures ({@code sig}, {@code signature}, {@code X-Amz-Signature}).
   */
  public static boolean isSecretParameter(String name) {
    List<String> words = words(name);
    return isSecretName(name) || words.contains("sig") || words.contains("signature");
  }

  /** An environment variable's value as shown by default: all masked, or its secrets masked. */
  public static String maskEnvironmentValue(String name, String value, String mask) {
    return isSecretName(name) ? mask : maskText(value, mask);
  }

  /** True when an environment variable is secret, or its value holds a secret. */
  public static boolean isSecretVariable(String name, String value) {
    return isSecretName(name) || !maskText(value, "").equals(value);
  }

  /**
   * True when a {@code key=value} key or a command-line option (without its dashes) names a secret:
   * {@code password}, {@code dbPassword}, {@code api-key}, {@code client_secret}, but not {@code
   * keyboard}, {@code passive}, {@code token-file} or {@code key}.
   */
  public static boolean isSecretKey(String key) {
    List<String> words = words(key);
    if (words.isEmpty() || NOT_SECRET_ENDINGS.contains(words.get(words.size() - 1))) {
      return false;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.contains("password") || lower.contains("passwd") || lower.contains("passphrase")) {
      return true; // PGPASSWORD, dbpassword: one word, but the secret is plain
    }
    for (int i = 0; i < words.size(); i++) {
      if (KEY_WORDS.contains(words.get(i))
          || (i > 0 && KEY_PAIRS.contains(words.get(i - 1) + " " + words.get(i)))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code value} contains a URL with a password ({@code ://user:pw@}). */
  public static boolean hasUrlPassword(String value) {
    return !urlPasswords(value).isEmpty();
  }

  /** {@code value} with the password of every {@code scheme://user:password@} replaced by mask. */
  public static String maskUrlPasswords(String value, String mask) {
    return replace(value, urlPasswords(value), mask);
  }

  /** {@code text} with every secret the text rules find replaced by {@code mask}. */
  public static String maskText(String text, String mask) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<int[]> spans = urlPasswords(text);
    Matcher m = KEY_VALUE.matcher(text);
    while (m.find()) {
      String value = m.group(2);
      if (isSecretKey(m.group(1))
          && !value.isEmpty()
          && !(m.group(1).equalsIgnoreCase("pwd") && value.startsWith("/"))) {
        int start = m.start(2);
        int end = m.end(2);
        char q = text.charAt(start);
        if ((q == '"' || q == '\'') && end - start >= 2) {
          start++;
          end--;
        }
        if (end > start) {
          spans.add(new int[] {start, end});
        }
      }
    }
    m = GO_DSN.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    m = AUTHORIZATION.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    m = TOKEN.matcher(text);
    while (m.find()) {
      int keep = m.start();
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          keep = m.end(g);
          break;
        }
      }
      spans.add(new int[] {keep, m.end()});
    }
    return replace(text, spans, mask);
  }

  /**
   * A command line with its secrets masked: each argument's text secrets, the argument after an
   * option that names a secret ({@code --password X}), and mysql's {@code -pSECRET}. The list keeps
   * its length, so argument positions still line up.
   */
  public static List<String> maskCommandLine(List<String> argv, String mask) {
    if (argv == null || argv.isEmpty()) {
      return argv;
    }
    List<String> out = new ArrayList<>(argv.size());
    boolean mysql = MYSQL_CLIENTS.contains(basename(argv.get(0)));
    boolean maskNext = false;
    boolean options = true;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (maskNext && !a.isEmpty() && !a.startsWith("-")) {
        out.add(mask);
        maskNext = false;
        continue;
      }
      maskNext = false;
      if (i > 0 && options && a.equals("--")) {
        options = false;
      } else if (i > 0 && options && a.startsWith("-") && a.indexOf('=') < 0) {
        String name = a.replaceFirst("^-+", "");
        if (mysql && a.startsWith("-p") && !a.startsWith("--") && a.length() > 2) {
          out.add("-p" + mask);
          continue;
        }
        maskNext = isSecretKey(name);
      }
      out.add(maskText(a, mask));
    }
    return out;
  }

  /**
   * A typed line (the shell's history) with its secrets masked: split into words as a shell would
   * (blanks outside quotes), the command-line rules applied, the blanks kept.
   */
  public static String maskLine(String line, String mask) {
    if (line == null || line.isEmpty()) {
      return line;
    }
    List<int[]> words = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i == n) {
        break;
      }
      int start = i;
      char quote = 0;
      while (i < n && (quote != 0 || !Character.isWhitespace(line.charAt(i)))) {
        char c = line.charAt(i);
        if (quote == 0 && (c == '\'' || c == '"')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote != '\'' && i + 1 < n) {
          i++;
        }
        i++;
      }
      words.add(new int[] {start, i});
    }
    List<String> argv = new ArrayList<>(words.size());
    for (int[] w : words) {
      argv.add(line.substring(w[0], w[1]));
    }
    List<String> masked = maskCommandLine(argv, mask);
    StringBuilder sb = new StringBuilder(line.length());
    int last = 0;
    for (int k = 0; k < words.size(); k++) {
      sb.append(line, last, words.get(k)[0]).append(masked.get(k));
      last = words.get(k)[1];
    }
    return sb.append(line, last, n).toString();
  }

  private static String basename(String program) {
    int slash = program.lastIndexOf('/');
    return program.substring(slash + 1);
  }

  /** The lower-case words of a key: split at non-letters-or-digits and at camelCase humps. */
  private static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(w, words);
        continue;
      }
      if (Character.isUpperCase(c)
          && w.length() > 0
          && (Character.isLowerCase(key.charAt(i - 1))
              || (i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1))))) {
        flush(w, words);
      }
      w.append(Character.toLowerCase(c));
    }
    flush(w, words);
    return words;
  }

  private static void flush(StringBuilder w, List<String> words) {
    if (w.length() > 0) {
      words.add(w.toString());
      w.setLength(0);
    }
  }

  /** {@code text} with each [start, end) span replaced by mask; overlapping spans merge. */
  private static String replace(String text, List<int[]> spans, String mask) {
    if (spans.isEmpty()) {
      return text;
    }
    spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    for (int[] s : spans) {
      if (s[0] < last) {
        last = Math.max(last, s[1]); // overlaps the span masked before: one mask for both
        continue;
      }
      sb.append(text, last, s[0]).append(mask);
      last = s[1];
    }
    return sb.append(text, last, text.length()).toString();
  }

  /** [start, end) of each URL password in the text. */
  private static List<int[]> urlPasswords(String value) {
    List<int[]> spans = new ArrayList<>();
    int from = 0;
    while (true) {
      int scheme = value.indexOf("://", from);
      if (scheme < 0) {
        return spans;
      }
      int authStart = scheme + 3;
      int authEnd = authStart;
      while (authEnd < value.length() && "/?# \t,;\"'".indexOf(value.charAt(authEnd)) < 0) {
        authEnd++;
      }
      int at = value.lastIndexOf('@', authEnd - 1);
      if (at >= authStart) {
        int colon = value.indexOf(':', authStart);
        if (colon >= 0 && colon < at) {
          spans.add(new int[] {colon + 1, at});
        }
      }
      from = authEnd;
    }
  }
}
