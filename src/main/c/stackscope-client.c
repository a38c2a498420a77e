/*
 * stackscope-client: the launcher's fast path. It hands one command line to a warm stackscope
 * server (a JVM that stays resident for a while; see dev.stackscope.server) over a Unix domain
 * socket and relays what the server sends back: stdout bytes, stderr bytes and the exit code.
 *
 * When no server answers, or the server declines the command (interactive views, help, another
 * build, ...), the client re-executes the launcher with STACKSCOPE_COLD=1 so that the command runs
 * in a fresh JVM as usual; STACKSCOPE_SPAWN=1 additionally asks the launcher to start a server for
 * the next runs. Nothing has been written to stdout or stderr at that point, so the fallback is
 * invisible. With STACKSCOPE_SERVER=require the client says why instead and exits 1 (for
 * benchmarks and for finding out why a command is not served).
 *
 * Usage (by the launcher only): stackscope-client LAUNCHER JAR [ARG...]. LAUNCHER's directory is
 * the checkout: when pom.xml or a file under src/main is newer than JAR, the server says so ('R')
 * and the client goes back to the launcher, which rebuilds (the server watches the sources, so
 * that no run walks them).
 *
 * Wire format (all integers big-endian): the request is "SSv3", a u32 count, then that many
 * strings, each a u32 length and bytes starting with a one-letter tag: J jar path, L launcher
 * path, C working directory, P client PID, T "1" when stdin and stdout are a terminal, S "1" when
 * stderr is a terminal (progress lines), E one KEY=VALUE of the environment, A one argument. The reply is frames: a tag byte, a u32 length,
 * the payload: 'O' stdout bytes, 'E' stderr bytes, 'X' the exit code (u32), 'N' declined
 * (payload: the reason), 'R' declined because the sources are newer than the jar (the launcher
 * rebuilds), 'A' the request was read (nothing to do; see below), 'I' a request for at most u32
 * bytes of stdin, which the client answers with an 'I'
 * frame of what one read(2) of its stdin gave (empty: the end of input); stdin is read only when
 * the command asks, as a fresh JVM would. The server sends an empty 'O' frame when the command
 * starts: after any 'O' or 'E' frame the command is never run again in a fresh JVM (a server that
 * dies then is an error), so it runs at most once. A server that has not sent its first frame
 * (normally 'A', as soon as it has read the request) within 2 s (hung, or stopped with SIGSTOP)
 * is given up on: the command runs in a fresh JVM.
 * "SSv3" is the protocol's version: change it with any incompatible change; a server that speaks
 * another version declines with 'N' (the frame format is the one thing every version shares).
 * The socket lives in /tmp/stackscope-UID/ (mode 0700, owned by UID) and is named after the FNV-1a
 * hash of the jar's path, the caller's network, PID, UTS and user namespaces and its root
 * directory (see socket_hash), so that a command run under `ip netns exec` or in a container that
 * shares /tmp never sees another namespace's sockets, processes or hostname, nor another root's
 * files; the mount namespace is not hashed but checked by the server (its caller must see the
 * server's mounts). dev.stackscope.server.SocketPath computes the same name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

static char *launcher;
static char **user_args;
static int user_argc;

static int required;

/* SIGPIPE as the client found it: ignored while relaying, restored for the launcher. */
static struct sigaction inherited_sigpipe;

/* Runs the command in a fresh JVM through the launcher; spawn asks it to start a server too. */
static void cold_because(int spawn, const char *why) {
  if (required) {
    fprintf(stderr, "stackscope: the warm server did not run this command: %s\n", why);
    exit(1);
  }
  char **argv = calloc((size_t)user_argc + 2, sizeof(char *));
  if (argv == NULL) {
    perror("stackscope");
    exit(1);
  }
  argv[0] = launcher;
  for (int i = 0; i < user_argc; i++) argv[i + 1] = user_args[i];
  setenv("STACKSCOPE_COLD", "1", 1);
  if (spawn) setenv("STACKSCOPE_SPAWN", "1", 1);
  sigaction(SIGPIPE, &inherited_sigpipe, NULL);
  execv(launcher, argv);
  fprintf(stderr, "stackscope: cannot run %s: %s\n", launcher, strerror(errno));
  exit(1);
}

static void cold(int spawn) {
  cold_because(spawn, spawn ? "no server is running" : "the server could not be used");
}

static uint32_t fnv1a(uint32_t h, const char *s) {
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 16777619u;
  }
  return h;
}

/*
 * The hash naming the socket: the jar's path, then "\n" and each namespace link ("?" unread),
 * then "\nroot:DEV:INO" for the root directory. Not the mount namespace: `ip netns exec` makes a
 * new one for every run (so every run would start a server of its own), while a container that
 * shares /tmp has a root directory of its own; the server compares the caller's mounts with its
 * own instead, and declines a caller that sees others.
 */
static uint32_t socket_hash(const char *jar) {
  static const char *const kinds[] = {"net", "pid", "uts", "user"};
  uint32_t h = fnv1a(2166136261u, jar);
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    char path[64], link[128];
    snprintf(path, sizeof path, "/proc/self/ns/%s", kinds[i]);
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n < 0) n = 0, link[n++] = '?';
    link[n] = 0;
    h = fnv1a(h, "\n");
    h = fnv1a(h, link);
  }
  struct stat root;
  char id[64] = "?";
  if (stat("/", &root) == 0) {
    snprintf(id, sizeof id, "root:%lu:%lu", (unsigned long)root.st_dev, (unsigned long)root.st_ino);
  }
  h = fnv1a(h, "\n");
  return fnv1a(h, id);
}

/*
 * This client's own source newer than its binary means the launcher rebuilds it. (Whether the
 * jar's sources are newer than the jar, the launcher's other rebuild check, is the server's to
 * answer: it watches them instead of walking them on every run; see the 'R' frame.)
 */
static int client_source_newer(void) {
  size_t n = strlen(launcher);
  char *path = malloc(n + 40);
  if (path == NULL) return 1;
  memcpy(path, launcher, n + 1);
  char *slash = strrchr(path, '/');
  if (slash == NULL) {
    free(path);
    return 1;
  }
  strcpy(slash, "/src/main/c/stackscope-client.c");
  struct stat exe, st;
  int newer = stat("/proc/self/exe", &exe) == 0 && stat(path, &st) == 0 &&
              (st.st_mtim.tv_sec > exe.st_mtim.tv_sec ||
               (st.st_mtim.tv_sec == exe.st_mtim.tv_sec && st.st_mtim.tv_nsec > exe.st_mtim.tv_nsec));
  free(path);
  return newer;
}

/* Request buffer. */
static char *buf;
static size_t len, cap;

static void put(const void *p, size_t n) {
  if (len + n > cap) {
    while (len + n > cap) cap = cap ? cap * 2 : 4096;
    buf = realloc(buf, cap);
    if (buf == NULL) cold(0);
  }
  memcpy(buf + len, p, n);
  len += n;
}

static void put_u32(uint32_t v) {
  unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
  put(b, 4);
}

static uint32_t count;

static void put_str(char tag, const char *s) {
  size_t n = strlen(s);
  put_u32((uint32_t)n + 1);
  put(&tag, 1);
  put(s, n);
  count++;
}

/*
 * Whether a progress line the server drew on stderr is on the screen: a drawn line ends with
 * erase-to-end ("\033[K"), the server's erase is "\r\033[K" alone, and anything else ends with a
 * newline. Ctrl-C ends the client before the server can erase it: the handler does, as a fresh
 * JVM's shutdown hook would, then dies of the signal as before.
 */
static volatile sig_atomic_t progress_shown;

static void erase_progress(int sig) {
  if (progress_shown) {
    ssize_t r = write(2, "\r\033[K", 4);
    (void)r;
  }
  raise(sig); /* SA_RESETHAND: the default action, once this handler returns */
}

static void note_progress(const char *data, size_t size) {
  if (size >= 4 && memcmp(data + size - 4, "\r\033[K", 4) == 0) {
    progress_shown = 0;
  } else if (size >= 3 && memcmp(data + size - 3, "\033[K", 3) == 0) {
    progress_shown = 1;
  } else if (size > 0) {
    progress_shown = 0;
  }
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Reads exactly n bytes; 0 on success, -1 on EOF or error. */
static int read_all(int fd, void *dst, size_t n) {
  char *p = dst;
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

/* Waits up to ms for fd to be readable: 1 ready, 0 timed out, -1 error. */
static int wait_readable(int fd, int ms) {
  struct pollfd p = {.fd = fd, .events = POLLIN};
  for (;;) {
    int r = poll(&p, 1, ms);
    if (r < 0 && errno == EINTR) continue; /* the wait starts again: at most a few ms more */
    return r;
  }
}

/* Answers the server's request for at most `want` bytes of stdin with one read's worth. */
static int send_stdin(int fd, uint32_t want) {
  static char in[65536];
  if (want > sizeof in) want = sizeof in;
  ssize_t r;
  do r = read(0, in, want);
  while (r < 0 && errno == EINTR);
  if (r < 0) r = 0; /* unreadable stdin (closed, a directory): the end of input, as in a JVM */
  unsigned char head[5] = {'I', (unsigned char)(r >> 24), (unsigned char)(r >> 16),
                           (unsigned char)(r >> 8), (unsigned char)r};
  if (write_all(fd, (const char *)head, 5) != 0) return -1;
  return write_all(fd, in, (size_t)r);
}

/* How long the server has to send its first frame before the command goes to a fresh JVM. */
#define FIRST_FRAME_MS 2000

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "stackscope-client: run by the stackscope launcher, not directly\n");
    return 2;
  }
  launcher = argv[1];
  const char *jar = argv[2];
  user_args = argv + 3;
  user_argc = argc - 3;
  const char *mode = getenv("STACKSCOPE_SERVER");
  required = mode != NULL && strcmp(mode, "require") == 0;
  /*
   * A closed stdout (stackscope ps | head -1) or a server that hangs up early must not kill the
   * client by a signal: like a fresh JVM, it sees EPIPE and exits 141 (see the 'O' frame).
   */
  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &inherited_sigpipe);
  struct sigaction inherited_sigint;
  /* not when SIGINT is ignored (a background job of a shell without job control keeps that) */
  if (isatty(2) && sigaction(SIGINT, NULL, &inherited_sigint) == 0 &&
      inherited_sigint.sa_handler == SIG_DFL) {
    struct sigaction interrupt;
    memset(&interrupt, 0, sizeof interrupt);
    interrupt.sa_handler = erase_progress;
    interrupt.sa_flags = SA_RESETHAND;
    sigemptyset(&interrupt.sa_mask);
    sigaction(SIGINT, &interrupt, NULL);
  }
  struct stat jar_stat;
  if (stat(jar, &jar_stat) != 0 || client_source_newer()) {
    required = 0; /* the launcher rebuilds, then runs the command in a fresh JVM */
    cold(0);
  }

  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  uid_t uid = getuid();
  char dir[64];
  snprintf(dir, sizeof dir, "/tmp/stackscope-%lu", (unsigned long)uid);
  struct stat st;
  if (lstat(dir, &st) != 0) cold(errno == ENOENT);
  /* Only a private directory of ours: never talk to a socket someone else could have planted. */
  if (!S_ISDIR(st.st_mode) || st.st_uid != uid || (st.st_mode & 077) != 0) cold(0);
  int n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s/%08x.sock", dir, socket_hash(jar));
  if (n < 0 || (size_t)n >= sizeof addr.sun_path) cold(0);

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) cold(0);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    cold(errno == ENOENT || errno == ECONNREFUSED);
  }
  struct ucred cred;
  socklen_t cl = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) != 0 || cred.uid != uid) cold(0);

  char cwd[4096];
  if (getcwd(cwd, sizeof cwd) == NULL) cold(0);
  char pid[32];
  snprintf(pid, sizeof pid, "%ld", (long)getpid());

  put("SSv3", 4);
  size_t count_at = len;
  put_u32(0);
  put_str('J', jar);
  put_str('L', launcher);
  put_str('C', cwd);
  put_str('P', pid);
  /* A terminal as the JVM sees it (System.console()): stdin and stdout both are one. */
  int tty = isatty(0) && isatty(1);
  put_str('T', tty ? "1" : "0");
  /* Where a progress line is drawn: stderr alone decides (stdout may be piped to a file). */
  put_str('S', isatty(2) ? "1" : "0");
  int has_columns = 0;
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, "STACKSCOPE_COLD=", 16) == 0 || strncmp(*e, "STACKSCOPE_SPAWN=", 17) == 0) continue;
    if (strncmp(*e, "COLUMNS=", 8) == 0) has_columns = 1;
    put_str('E', *e);
  }
  struct winsize ws;
  if (tty && !has_columns && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    char columns[32];
    snprintf(columns, sizeof columns, "COLUMNS=%u", (unsigned)ws.ws_col);
    put_str('E', columns);
  }
  for (int i = 0; i < user_argc; i++) put_str('A', user_args[i]);
  unsigned char *c = (unsigned char *)buf + count_at;
  c[0] = count >> 24;
  c[1] = count >> 16;
  c[2] = count >> 8;
  c[3] = count;
  if (write_all(fd, buf, len) != 0) cold(0);

  int started = 0;
  int answered = 0; /* any frame yet: the 2 s limit is for the first one */
  char *data = NULL;
  size_t data_cap = 0;
  for (;;) {
    unsigned char head[5];
    if (!answered && wait_readable(fd, FIRST_FRAME_MS) != 1) cold_because(0, "the server did not answer within 2 s");
    answered = 1;
    if (read_all(fd, head, 5) != 0) {
      if (!started) cold(0);
      fprintf(stderr, "stackscope: the server ended before the command finished\n");
      return 1;
    }
    uint32_t size = (uint32_t)head[1] << 24 | (uint32_t)head[2] << 16 | (uint32_t)head[3] << 8 | head[4];
    if (size > data_cap) {
      data_cap = size;
      data = realloc(data, data_cap);
      if (data == NULL) {
        perror("stackscope");
        return 1;
      }
    }
    if (read_all(fd, data, size) != 0) {
      if (!started) cold(0);
      fprintf(stderr, "stackscope: the server ended before the command finished\n");
      return 1;
    }
    switch (head[0]) {
      case 'A':
        break;
      case 'N':
        if (started) return 1;
        {
          char *why = malloc((size_t)size + 1);
          if (why == NULL) cold(0);
          if (size > 0) memcpy(why, data, size);
          why[size] = 0;
          cold_because(0, why);
        }
        return 1;
      case 'R':
        if (started) return 1;
        required = 0; /* the launcher rebuilds, then runs the command in a fresh JVM */
        cold(0);
        return 1;
      case 'O':
        started = 1;
        /*
         * As in a fresh JVM, a failed write ends the run: hanging up makes the server cancel it.
         * A reader that went away (EPIPE) ends it quietly with 141; anything else (ENOSPC) says so.
         */
        if (write_all(1, data, size) != 0) {
          int e = errno;
          close(fd);
          if (e == EPIPE) return 141;
          fprintf(stderr, "stackscope: cannot write to standard output: %s\n", strerror(e));
          return 1;
        }
        break;
      case 'E':
        started = 1;
        write_all(2, data, size);
        note_progress(data, size);
        break;
      case 'I':
        if (size != 4 || !started) {
          fprintf(stderr, "stackscope: unexpected reply from the server\n");
          return 1;
        }
        if (send_stdin(fd, (uint32_t)(unsigned char)data[0] << 24 | (uint32_t)(unsigned char)data[1] << 16 |
                               (uint32_t)(unsigned char)data[2] << 8 | (unsigned char)data[3]) != 0) {
          fprintf(stderr, "stackscope: the server ended before the command finished\n");
          return 1;
        }
        break;
      case 'X':
        if (size != 4) return 1;
        return (int)((uint32_t)(unsigned char)data[0] << 24 | (uint32_t)(unsigned char)data[1] << 16 |
                     (uint32_t)(unsigned char)data[2] << 8 | (unsigned char)data[3]);
      default:
        fprintf(stderr, "stackscope: unexpected reply from the server\n");
        return 1;
    }
  }
}
