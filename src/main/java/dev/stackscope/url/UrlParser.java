package dev.stackscope.url;

/**
 * The URL Standard's basic URL parser (§4.4): a state machine over the input's code units (every
 * character the states compare against is ASCII, so UTF-16 units are enough; non-ASCII is only ever
 * percent-encoded or handed to the host parser). One instance may be reused for many inputs (not
 * concurrently); its buffers are kept between calls so a batch allocates little.
 */
public final class UrlParser {
  private static final int EOF = -1;

  enum State {
    SCHEME_START,
    SCHEME,
    NO_SCHEME,
    SPECIAL_RELATIVE_OR_AUTHORITY,
    PATH_OR_AUTHORITY,
    RELATIVE,
    RELATIVE_SLASH,
    SPECIAL_AUTHORITY_SLASHES,
    SPECIAL_AUTHORITY_IGNORE_SLASHES,
    AUTHORITY,
    HOST,
    PORT,
    FILE,
    FILE_SLASH,
    FILE_HOST,
    PATH_START,
    PATH,
    OPAQUE_PATH,
    QUERY,
    FRAGMENT,
    /** Only as a state override (the hostname setter): the host state that refuses a port. */
    HOSTNAME
  }

  private char[] chars = new char[256];
  private final StringBuilder buffer = new StringBuilder(64);
  private final StringBuilder path = new StringBuilder(64);
  private final StringBuilder username = new StringBuilder();
  private final StringBuilder password = new StringBuilder();
  private StringBuilder query;
  private StringBuilder fragment;

  private String scheme;
  private boolean special;
  private Host host;
  private int port;
  private boolean opaquePath;
  private int segments;

  /** Parses {@code input} against {@code base} (may be null), logging validation errors. */
  public WhatwgUrl parse(String input, WhatwgUrl base, ValidationLog log)
      throws InvalidUrlException {
    WhatwgUrl fast = simpleAbsolute(input);
    return fast != null ? fast : runStateMachine(input, base, log);
  }

  /** The state machine itself, without the fast path (package-private for the tests). */
  WhatwgUrl runStateMachine(String input, WhatwgUrl base, ValidationLog log)
      throws InvalidUrlException {
    int len = load(input, log, true);
    reset();
    return run(len, base, State.SCHEME_START, false, log);
  }

  /**
   * The basic URL parser with {@code url} given and a state override, as the URL API's setters run
   * it: the machine starts in {@code override} on a copy of {@code url}'s fields and changes them
   * in place. Where the Standard returns (with or without failure) the fields as they are then make
   * the result, so a failure before any change gives back an equal URL.
   */
  UrlSetters.Outcome runOverride(String input, WhatwgUrl url, State override) {
    int len = load(input, ValidationLog.DISCARD, false);
    reset();
    copyBase(url, true);
    opaquePath = url.opaquePath;
    copyQuery(url);
    fragment = url.fragment == null ? null : new StringBuilder(url.fragment);
    try {
      return new UrlSetters.Outcome(run(len, null, override, true, ValidationLog.DISCARD), null);
    } catch (InvalidUrlException e) {
      return new UrlSetters.Outcome(snapshot(), e.failure());
    }
  }

  private WhatwgUrl run(int len, WhatwgUrl base, State start, boolean overriding, ValidationLog log)
      throws InvalidUrlException {
    char[] s = chars; // indexing an array is much cheaper than String.charAt in C1-compiled code
    boolean hostnameOnly = start == State.HOSTNAME;
    State state = hostnameOnly ? State.HOST : start;
    boolean atSignSeen = false;
    boolean insideBrackets = false;
    boolean passwordTokenSeen = false;
    machine:
    for (int p = 0; ; p++) {
      int c = p < len ? s[p] : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAsciiAlpha(c)) {
            buffer.append((char) (c | 0x20));
            state = State.SCHEME;
          } else if (overriding) {
            throw new InvalidUrlException(UrlFailure.MISSING_SCHEME);
          } else {
            state = State.NO_SCHEME;
            p--;
          }
          break;

        case SCHEME:
          if (isAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            buffer.append(c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : (char) c);
          } else if (c == ':') {
            String newScheme = internScheme(buffer);
            if (overriding) {
              if (special != WhatwgUrl.isSpecial(newScheme)
                  || (newScheme.equals("file")
                      && (username.length() > 0 || password.length() > 0 || port >= 0))
                  || (scheme.equals("file") && host != null && host.type() == HostType.EMPTY)) {
                break machine;
              }
              scheme = newScheme;
              special = WhatwgUrl.isSpecial(scheme);
              if (port == WhatwgUrl.specialDefaultPort(scheme)) {
                port = -1;
              }
              break machine;
            }
            scheme = newScheme;
            special = WhatwgUrl.isSpecial(scheme);
            buffer.setLength(0);
            if (scheme.equals("file")) {
              if (!(p + 2 < len && s[p + 1] == '/' && s[p + 2] == '/')) {
                log.add("special-scheme-missing-following-solidus");
              }
              state = State.FILE;
            } else if (special && base != null && base.scheme.equals(scheme)) {
              state = State.SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (special) {
              state = State.SPECIAL_AUTHORITY_SLASHES;
            } else if (p + 1 < len && s[p + 1] == '/') {
              state = State.PATH_OR_AUTHORITY;
              p++;
            } else {
              opaquePath = true;
              state = State.OPAQUE_PATH;
            }
          } else if (overriding) {
            throw new InvalidUrlException(UrlFailure.MISSING_SCHEME);
          } else {
            buffer.setLength(0);
            state = State.NO_SCHEME;
            p = -1;
          }
          break;

        case NO_SCHEME:
          if (base == null || (base.opaquePath && c != '#')) {
            throw new InvalidUrlException(
                UrlFailure.MISSING_SCHEME, schemeHint(new String(s, 0, len)));
          } else if (base.opaquePath) {
            copyBase(base, true);
            opaquePath = true;
            copyQuery(base);
            state = startQueryOrFragment('#');
          } else if (!base.scheme.equals("file")) {
            state = State.RELATIVE;
            p--;
          } else {
            state = State.FILE;
            p--;
          }
          break;

        case SPECIAL_RELATIVE_OR_AUTHORITY:
        case SPECIAL_AUTHORITY_SLASHES:
          // the same test; without "//", one goes on as a relative URL, the other as an authority
          if (c == '/' && p + 1 < len && s[p + 1] == '/') {
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p++;
          } else {
            log.add("special-scheme-missing-following-solidus");
            state =
                state == State.SPECIAL_RELATIVE_OR_AUTHORITY
                    ? State.RELATIVE
                    : State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p--;
          }
          break;

        case PATH_OR_AUTHORITY:
          if (c == '/') {
            state = State.AUTHORITY;
          } else {
            state = State.PATH;
            p--;
          }
          break;

        case RELATIVE:
          scheme = base.scheme;
          special = WhatwgUrl.isSpecial(scheme);
          if (c == '/') {
            state = State.RELATIVE_SLASH;
          } else if (special && c == '\\') {
            log.add("invalid-reverse-solidus");
            state = State.RELATIVE_SLASH;
          } else {
            copyBase(base, true);
            copyQuery(base);
            if (c == '?' || c == '#') {
              state = startQueryOrFragment(c);
            } else if (c != EOF) {
              query = null;
              shortenPath();
              state = State.PATH;
              p--;
            }
          }
          break;

        case RELATIVE_SLASH:
          if (special && (c == '/' || c == '\\')) {
            if (c == '\\') {
              log.add("invalid-reverse-solidus");
            }
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c == '/') {
            state = State.AUTHORITY;
          } else {
            copyBase(base, false);
            state = State.PATH;
            p--;
          }
          break;

        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c != '/' && c != '\\') {
            state = State.AUTHORITY;
            p--;
          } else {
            log.add("special-scheme-missing-following-solidus");
          }
          break;

        case AUTHORITY:
          if (c == '@') {
            log.add("invalid-credentials");
            if (atSignSeen) {
              buffer.insert(0, "%40");
            }
            atSignSeen = true;
            char[] userinfo = buffer.toString().toCharArray();
            for (int i = 0; i < userinfo.length; ) {
              if (userinfo[i] == ':' && !passwordTokenSeen) {
                passwordTokenSeen = true;
                i++;
                continue;
              }
              StringBuilder target = passwordTokenSeen ? password : username;
              i +=
                  PercentEncoding.appendEncoded(
                      target, userinfo, userinfo.length, i, PercentEncoding.USERINFO);
            }
            buffer.setLength(0);
          } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special && c == '\\')) {
            if (atSignSeen && buffer.length() == 0) {
              throw new InvalidUrlException(UrlFailure.HOST_MISSING);
            }
            p -= buffer.length() + 1;
            buffer.setLength(0);
            state = State.HOST;
          } else {
            int q = p + 1;
            while (q < len && isAuthorityPlain(s[q], special)) {
              q++;
            }
            buffer.append(s, p, q - p);
            p = q - 1;
          }
          break;

        case HOST:
          if (overriding && scheme.equals("file")) {
            state = State.FILE_HOST;
            p--;
          } else if (c == ':' && !insideBrackets) {
            if (buffer.length() == 0 || hostnameOnly) {
              throw new InvalidUrlException(UrlFailure.HOST_MISSING);
            }
            host = HostParser.parse(buffer.toString(), !special, log);
            buffer.setLength(0);
            state = State.PORT;
          } else if (c == EOF || c == '/' || c == '?' || c == '#' || (special && c == '\\')) {
            p--;
            if (special && buffer.length() == 0) {
              throw new InvalidUrlException(UrlFailure.HOST_MISSING);
            }
            if (overriding
                && buffer.length() == 0
                && (username.length() > 0 || password.length() > 0 || port >= 0)) {
              break machine;
            }
            host = HostParser.parse(buffer.toString(), !special, log);
            buffer.setLength(0);
            state = State.PATH_START;
            if (overriding) {
              break machine;
            }
          } else {
            if (c == '[') {
              insideBrackets = true;
            } else if (c == ']') {
              insideBrackets = false;
            }
            int q = p + 1;
            while (q < len && isHostPlain(s[q], special)) {
              q++;
            }
            buffer.append(s, p, q - p);
            p = q - 1;
          }
          break;

        case PORT:
          if (c >= '0' && c <= '9') {
            buffer.append((char) c);
          } else if (c == EOF
              || c == '/'
              || c == '?'
              || c == '#'
              || (special && c == '\\')
              || overriding) {
            if (buffer.length() > 0) {
              int value = 0;
              for (int i = 0; i < buffer.length(); i++) {
                value = value * 10 + (buffer.charAt(i) - '0');
                if (value > 65535) {
                  throw new InvalidUrlException(UrlFailure.PORT_OUT_OF_RANGE);
                }
              }
              port = value == WhatwgUrl.specialDefaultPort(scheme) ? -1 : value;
              buffer.setLength(0);
              if (overriding) {
                break machine;
              }
            }
            if (overriding) {
              throw new InvalidUrlException(UrlFailure.PORT_INVALID);
            }
            state = State.PATH_START;
            p--;
          } else {
            throw new InvalidUrlException(UrlFailure.PORT_INVALID);
          }
          break;

        case FILE:
          scheme = "file";
          special = true;
          host = Host.EMPTY;
          if (c == '/' || c == '\\') {
            if (c == '\\') {
              log.add("invalid-reverse-solidus");
            }
            state = State.FILE_SLASH;
          } else if (base != null && base.scheme.equals("file")) {
            host = base.host;
            path.setLength(0);
            path.append(base.path);
            segments = countSegments(base);
            copyQuery(base);
            if (c == '?' || c == '#') {
              state = startQueryOrFragment(c);
            } else if (c != EOF) {
              query = null;
              if (!startsWithWindowsDriveLetter(s, len, p)) {
                shortenPath();
              } else {
                log.add("file-invalid-Windows-drive-letter");
                path.setLength(0);
                segments = 0;
              }
              state = State.PATH;
              p--;
            }
          } else {
            state = State.PATH;
            p--;
          }
          break;

        case FILE_SLASH:
          if (c == '/' || c == '\\') {
            if (c == '\\') {
              log.add("invalid-reverse-solidus");
            }
            state = State.FILE_HOST;
          } else {
            if (base != null && base.scheme.equals("file")) {
              host = base.host;
              if (!startsWithWindowsDriveLetter(s, len, p)
                  && startsWithNormalizedDriveSegment(base.path)) {
                path.append(base.path, 0, 3);
                segments++;
              }
            }
            state = State.PATH;
            p--;
          }
          break;

        case FILE_HOST:
          if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
            p--;
            if (!overriding && isWindowsDriveLetter(buffer)) {
              log.add("file-invalid-Windows-drive-letter-host");
              state = State.PATH;
            } else if (buffer.length() == 0) {
              host = Host.EMPTY;
              if (overriding) {
                break machine;
              }
              state = State.PATH_START;
            } else {
              Host h = HostParser.parse(buffer.toString(), false, log);
              if (h.serialized().equals("localhost")) {
                h = Host.EMPTY;
              }
              host = h;
              if (overriding) {
                break machine;
              }
              buffer.setLength(0);
              state = State.PATH_START;
            }
          } else {
            buffer.append((char) c);
          }
          break;

        case PATH_START:
          if (special) {
            if (c == '\\') {
              log.add("invalid-reverse-solidus");
            }
            state = State.PATH;
            if (c != '/' && c != '\\') {
              p--;
            }
          } else if (!overriding && (c == '?' || c == '#')) {
            state = startQueryOrFragment(c);
          } else if (c != EOF) {
            state = State.PATH;
            if (c != '/') {
              p--;
            }
          } else if (overriding && host == null) {
            appendSegment("");
          }
          break;

        case PATH:
          if (c == EOF
              || c == '/'
              || (special && c == '\\')
              || (!overriding && (c == '?' || c == '#'))) {
            boolean slash = c == '/' || (special && c == '\\');
            if (special && c == '\\') {
              log.add("invalid-reverse-solidus");
            }
            if (isDoubleDot(buffer)) {
              shortenPath();
              if (!slash) {
                appendSegment("");
              }
            } else if (isSingleDot(buffer)) {
              if (!slash) {
                appendSegment("");
              }
            } else {
              if (scheme.equals("file") && segments == 0 && isWindowsDriveLetter(buffer)) {
                buffer.setCharAt(1, ':');
              }
              appendSegment(buffer);
            }
            buffer.setLength(0);
            if (c == '?' || c == '#') {
              state = startQueryOrFragment(c);
            }
          } else {
            if (c == '%' && !twoHexFollow(s, len, p)) {
              log.add("invalid-URL-unit");
            }
            p = appendRun(buffer, s, p, len, PercentEncoding.PATH);
          }
          break;

        case OPAQUE_PATH:
          if (c == '?' || c == '#') {
            state = startQueryOrFragment(c);
          } else if (c == ' ') {
            int next = p + 1 < len ? s[p + 1] : EOF;
            path.append(next == '?' || next == '#' ? "%20" : " ");
          } else if (c != EOF) {
            p += PercentEncoding.appendEncoded(path, s, len, p, PercentEncoding.C0_CONTROL) - 1;
          }
          break;

        case QUERY:
          if (c == '#' && !overriding) {
            state = startQueryOrFragment(c);
          } else if (c != EOF) {
            p =
                appendRun(
                    query,
                    s,
                    p,
                    len,
                    special ? PercentEncoding.SPECIAL_QUERY : PercentEncoding.QUERY);
          }
          break;

        case FRAGMENT:
          if (c != EOF) {
            p = appendRun(fragment, s, p, len, PercentEncoding.FRAGMENT);
          }
          break;

        default:
          throw new IllegalStateException(state.name());
      }
      if (p >= len) {
        break; // the pointer still points at EOF after this state: done
      }
    }
    return snapshot();
  }

  /** The URL record the parser's fields hold now. */
  private WhatwgUrl snapshot() {
    return new WhatwgUrl(
        scheme,
        username.length() == 0 ? "" : username.toString(),
        password.length() == 0 ? "" : password.toString(),
        host,
        port,
        path.toString(),
        opaquePath,
        query == null ? null : query.toString(),
        fragment == null ? null : fragment.toString());
  }

  private void reset() {
    buffer.setLength(0);
    path.setLength(0);
    username.setLength(0);
    password.setLength(0);
    query = null;
    fragment = null;
    scheme = "";
    special = false;
    host = null;
    port = -1;
    opaquePath = false;
    segments = 0;
  }

  /** Copies the base's credentials, host and port, and with {@code withPath} its path too. */
  private void copyBase(WhatwgUrl base, boolean withPath) {
    username.setLength(0);
    username.append(base.username);
    password.setLength(0);
    password.append(base.password);
    host = base.host;
    port = base.port;
    scheme = base.scheme;
    special = WhatwgUrl.isSpecial(scheme);
    if (withPath) {
      path.setLength(0);
      path.append(base.path);
      segments = countSegments(base);
    }
  }

  private void copyQuery(WhatwgUrl from) {
    query = from.query == null ? null : new StringBuilder(from.query);
  }

  /** For '?' starts an empty query, else ('#') an empty fragment; returns the state to go on in. */
  private State startQueryOrFragment(int c) {
    if (c == '?') {
      query = new StringBuilder();
      return State.QUERY;
    }
    fragment = new StringBuilder();
    return State.FRAGMENT;
  }

  /**
   * Appends to {@code to} the run from {@code p} that {@code set} leaves alone, copied at once, or
   * else the one character at {@code p}, percent-encoded when in {@code set}; returns the index of
   * the last character consumed (the state machine's pointer).
   */
  private static int appendRun(StringBuilder to, char[] s, int p, int len, int set) {
    int q = scanPlain(s, p, len, set);
    if (q > p) {
      to.append(s, p, q - p);
      return q - 1;
    }
    return p + PercentEncoding.appendEncoded(to, s, len, p, set) - 1;
  }

  private static int countSegments(WhatwgUrl url) {
    if (url.opaquePath) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < url.path.length(); i++) {
      if (url.path.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }

  private void appendSegment(CharSequence segment) {
    path.append('/').append(segment);
    segments++;
  }

  /** The Standard's "shorten a URL's path", keeping a file URL's lone drive letter. */
  private void shortenPath() {
    if (scheme.equals("file") && segments == 1 && startsWithNormalizedDriveSegment(path)) {
      return;
    }
    if (segments > 0) {
      path.setLength(lastIndexOf(path, '/'));
      segments--;
    }
  }

  private static int lastIndexOf(CharSequence s, char c) {
    for (int i = s.length() - 1; i >= 0; i--) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** True when the first segment of the serialised path {@code p} is a normalized drive letter. */
  private static boolean startsWithNormalizedDriveSegment(CharSequence p) {
    return p.length() >= 3
        && p.charAt(0) == '/'
        && isAsciiAlpha(p.charAt(1))
        && p.charAt(2) == ':'
        && (p.length() == 3 || p.charAt(3) == '/');
  }

  private static boolean isWindowsDriveLetter(CharSequence b) {
    return b.length() == 2
        && isAsciiAlpha(b.charAt(0))
        && (b.charAt(1) == ':' || b.charAt(1) == '|');
  }

  /** "Starts with a Windows drive letter", for the code points of {@code s} from {@code p}. */
  private static boolean startsWithWindowsDriveLetter(char[] s, int len, int p) {
    int n = len - p;
    if (n < 2 || !isAsciiAlpha(s[p]) || (s[p + 1] != ':' && s[p + 1] != '|')) {
      return false;
    }
    if (n == 2) {
      return true;
    }
    char c = s[p + 2];
    return c == '/' || c == '\\' || c == '?' || c == '#';
  }

  private static boolean isSingleDot(CharSequence b) {
    int n = b.length();
    return (n == 1 && b.charAt(0) == '.') || (n == 3 && isPercent2e(b, 0));
  }

  private static boolean isDoubleDot(CharSequence b) {
    switch (b.length()) {
      case 2:
        return b.charAt(0) == '.' && b.charAt(1) == '.';
      case 4:
        return (b.charAt(0) == '.' && isPercent2e(b, 1))
            || (isPercent2e(b, 0) && b.charAt(3) == '.');
      case 6:
        return isPercent2e(b, 0) && isPercent2e(b, 3);
      default:
        return false;
    }
  }

  private static boolean isPercent2e(CharSequence b, int i) {
    return b.charAt(i) == '%' && b.charAt(i + 1) == '2' && (b.charAt(i + 2) | 0x20) == 'e';
  }

  /**
   * The end of the run from {@code p} of ASCII characters that {@code set} leaves alone and that no
   * state stops at ('/', '\\', '?', '#', '%'): such a run can be copied without looking at it
   * again. Returns {@code p} when the character at {@code p} needs the slow path.
   */
  private static int scanPlain(char[] s, int p, int len, int set) {
    int q = p;
    while (q < len) {
      char c = s[q];
      if (c >= 0x80
          || PercentEncoding.inSet(c, set)
          || c == '/'
          || c == '\\'
          || c == '?'
          || c == '#'
          || c == '%') {
        break;
      }
      q++;
    }
    return q;
  }

  private static boolean isAuthorityPlain(char c, boolean special) {
    return c != '@' && c != '/' && c != '?' && c != '#' && !(special && c == '\\');
  }

  private static boolean isHostPlain(char c, boolean special) {
    return c != ':'
        && c != '['
        && c != ']'
        && c != '/'
        && c != '?'
        && c != '#'
        && !(special && c == '\\');
  }

  private static boolean twoHexFollow(char[] s, int len, int p) {
    return p + 2 < len && PercentEncoding.isHex(s[p + 1]) && PercentEncoding.isHex(s[p + 2]);
  }

  private static boolean isAsciiAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static final String[] SPECIAL_SCHEMES = {"http", "https", "ws", "wss", "ftp", "file"};

  /** The scheme as a string, the special ones shared rather than allocated per URL. */
  private static String internScheme(CharSequence b) {
    for (String known : SPECIAL_SCHEMES) {
      if (known.contentEquals(b)) {
        return known;
      }
    }
    return b.toString();
  }

  /**
   * The fast path for the URLs that make up most real input: an absolute http, https, ws, wss or
   * ftp URL in printable ASCII with a lowercase domain host (not ending in a number), an optional
   * port, and a path, query and fragment that need no percent-encoding, hold no '%', no '\\' and no
   * dot segments. For such input every state of the machine would copy its characters unchanged, so
   * the components are cut out of the input directly. Returns null for anything else, which then
   * takes the full state machine; {@code UrlParserFastPathTest} checks that both agree.
   */
  static WhatwgUrl simpleAbsolute(String s) {
    int n = s.length();
    int colon = -1;
    for (int i = 0; i < n && i < 6; i++) {
      if (s.charAt(i) == ':') {
        colon = i;
        break;
      }
    }
    if (colon < 2 || colon + 2 >= n || s.charAt(colon + 1) != '/' || s.charAt(colon + 2) != '/') {
      return null;
    }
    String scheme;
    int defaultPort;
    switch (s.substring(0, colon)) {
      case "http" -> {
        scheme = "http";
        defaultPort = 80;
      }
      case "https" -> {
        scheme = "https";
        defaultPort = 443;
      }
      case "ws" -> {
        scheme = "ws";
        defaultPort = 80;
      }
      case "wss" -> {
        scheme = "wss";
        defaultPort = 443;
      }
      case "ftp" -> {
        scheme = "ftp";
        defaultPort = 21;
      }
      default -> {
        return null;
      }
    }
    int hostStart = colon + 3;
    int i = hostStart;
    while (i < n) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
        i++;
      } else {
        break;
      }
    }
    int hostEnd = i;
    if (hostEnd == hostStart) {
      return null;
    }
    int port = -1;
    if (i < n && s.charAt(i) == ':') {
      int value = 0;
      int digits = 0;
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        digits++;
        i++;
        if (digits > 5) {
          return null;
        }
      }
      if (digits == 0 || value > 65535) {
        return null;
      }
      port = value == defaultPort ? -1 : value;
    }
    if (i < n && s.charAt(i) != '/' && s.charAt(i) != '?' && s.charAt(i) != '#') {
      return null;
    }
    String hostname = s.substring(hostStart, hostEnd);
    if (HostParser.endsInANumber(hostname)) {
      return null;
    }
    int pathStart = i;
    int segmentStart = i;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/') {
        if (isDotSegment(s, segmentStart + 1, i)) {
          return null;
        }
        segmentStart = i;
      } else if (c == '?' || c == '#') {
        break;
      } else if (c <= ' '
          || c >= 0x7f
          || c == '%'
          || c == '\\'
          || PercentEncoding.inSet(c, PercentEncoding.PATH)) {
        return null;
      }
      i++;
    }
    if (i > pathStart && isDotSegment(s, segmentStart + 1, i)) {
      return null;
    }
    String path = i == pathStart ? "/" : s.substring(pathStart, i);
    String query = null;
    if (i < n && s.charAt(i) == '?') {
      int queryStart = ++i;
      i = copyableEnd(s, queryStart, '#', PercentEncoding.SPECIAL_QUERY);
      if (i < 0) {
        return null;
      }
      query = s.substring(queryStart, i);
    }
    String fragment = null;
    if (i < n) {
      int fragmentStart = ++i;
      if (copyableEnd(s, fragmentStart, EOF, PercentEncoding.FRAGMENT) < 0) {
        return null;
      }
      fragment = s.substring(fragmentStart, n);
    }
    return new WhatwgUrl(
        scheme, "", "", new Host(HostType.DOMAIN, hostname), port, path, false, query, fragment);
  }

  /**
   * The end of the run from {@code from} up to {@code stop} (or the end of {@code s}) that is
   * printable ASCII outside {@code set} without '%': copied as it is. -1 when a character needs the
   * state machine.
   */
  private static int copyableEnd(String s, int from, int stop, int set) {
    int i = from;
    while (i < s.length() && s.charAt(i) != stop) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '%' || PercentEncoding.inSet(c, set)) {
        return -1;
      }
      i++;
    }
    return i;
  }

  private static boolean isDotSegment(String s, int from, int to) {
    int len = to - from;
    return (len == 1 && s.charAt(from) == '.')
        || (len == 2 && s.charAt(from) == '.' && s.charAt(from + 1) == '.');
  }

  /**
   * Copies {@code input} into the reusable char buffer, stripping leading/trailing C0 controls and
   * spaces, removing tabs and newlines, and replacing lone surrogates with U+FFFD (as the
   * conversion to a USVString does in browsers). Returns the length of what is left.
   */
  private int load(String input, ValidationLog log, boolean trim) {
    int n = input.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    char[] c = chars;
    input.getChars(0, n, c, 0);
    int start = 0;
    int end = n;
    while (trim && start < end && c[start] <= ' ') {
      start++;
    }
    while (trim && end > start && c[end - 1] <= ' ') {
      end--;
    }
    if (start > 0 || end < n) {
      log.add("invalid-URL-unit");
    }
    int len = 0;
    for (int i = start; i < end; i++) {
      char ch = c[i];
      if (ch == '\t' || ch == '\n' || ch == '\r') {
        log.add("invalid-URL-unit");
        continue;
      }
      if (Character.isSurrogate(ch)) {
        if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
          c[len++] = ch;
          ch = c[++i];
        } else {
          ch = '\uFFFD';
        }
      }
      c[len++] = ch;
    }
    return len;
  }

  /** For a failed input without a scheme that looks like a host: "did you mean http://…?". */
  private static String schemeHint(String s) {
    if (s.isEmpty() || s.startsWith("/") || s.indexOf(' ') >= 0) {
      return null;
    }
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#' || c == ':') {
        end = i;
        break;
      }
    }
    String hostPart = s.substring(0, end);
    if (hostPart.indexOf('.') <= 0 && !hostPart.equals("localhost")) {
      return null;
    }
    return "did you mean http://" + s + "?";
  }
}
