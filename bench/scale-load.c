/*
 * Load for bench/scale.sh: many processes, many loopback sockets. Every process it makes dies
 * with its parent (PR_SET_PDEATHSIG) and all are in one process group (the first process's), so
 * killing the first process, or its group, ends them all.
 *
 *   scale-load tree N FANOUT         N sleeping processes, each with up to FANOUT children
 *   scale-load chain N               N sleeping processes, each the parent of the next
 *   scale-load sockets L P           L TCP listeners and P connected TCP pairs (2 sockets each),
 *                                    over processes of at most 15,000 sockets each
 *   scale-load stack N C S           S server processes with a listener each, and N client
 *                                    processes holding C connections in all (C / N each) to them
 *
 * Prints "ready" on stdout once everything exists, then waits until killed. Only loopback
 * addresses are used: listeners on 127.1.x.y, client sockets bound to 127.2.x.y (so no
 * ephemeral-port range is exhausted: each listener address gets its own 4-tuples).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int ready_pipe[2];

__attribute__((noreturn)) static void die(const char *what) {
  perror(what);
  kill(0, SIGKILL); /* the whole group: nothing is left behind */
  _exit(1);
}

static void raise_nofile(rlim_t want) {
  struct rlimit r;
  if (getrlimit(RLIMIT_NOFILE, &r) != 0) die("getrlimit");
  if (r.rlim_cur >= want) return;
  r.rlim_cur = want < r.rlim_max ? want : r.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &r) != 0) die("setrlimit");
}

/* A child that dies with its parent; returns 0 in the child, like fork. */
static pid_t spawn(void) {
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl");
    if (getppid() != parent) _exit(0); /* the parent died before prctl */
  }
  return pid;
}

static void announce(void) {
  char c = 1;
  if (write(ready_pipe[1], &c, 1) != 1) die("write");
}

static void await(long n) {
  char buf[4096];
  long got = 0;
  close(ready_pipe[1]);
  while (got < n) {
    ssize_t r = read(ready_pipe[0], buf, sizeof buf);
    if (r <= 0) die("read (a child failed)");
    got += r;
  }
  printf("ready\n");
  fflush(stdout);
}

__attribute__((noreturn)) static void sleep_forever(void) {
  close(ready_pipe[0]);
  close(ready_pipe[1]);
  for (;;) pause();
}

/* Process i's children are FANOUT*i+1 .. FANOUT*i+FANOUT (a complete FANOUT-ary tree). */
static void tree(long i, long n, long fanout) {
  for (long k = 1; k <= fanout; k++) {
    long c = fanout * i + k;
    if (c >= n) break;
    if (spawn() == 0) {
      tree(c, n, fanout);
      return;
    }
  }
  announce();
  sleep_forever();
}

static struct sockaddr_in loopback(int net, long index, int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  /* 127.net.x.y, y in 1..250 */
  a.sin_addr.s_addr = htonl((127u << 24) | ((unsigned)net << 16) | ((unsigned)(index / 250) << 8) |
                            (unsigned)(index % 250 + 1));
  return a;
}

static int listener(long index) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) die("socket");
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = loopback(1, index, 0);
  if (bind(s, (struct sockaddr *)&a, sizeof a) != 0) die("bind (listener)");
  if (listen(s, 4096) != 0) die("listen");
  return s;
}

static struct sockaddr_in local_name(int s) {
  struct sockaddr_in a;
  socklen_t len = sizeof a;
  if (getsockname(s, (struct sockaddr *)&a, &len) != 0) die("getsockname");
  return a;
}

static int client(long index, struct sockaddr_in to) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) die("socket");
  struct sockaddr_in from = loopback(2, index % 2000, 0);
  if (bind(s, (struct sockaddr *)&from, sizeof from) != 0) die("bind (client)");
  if (connect(s, (struct sockaddr *)&to, sizeof to) != 0) die("connect");
  return s;
}

/* One process's share: its own listeners and pairs (both ends of a pair in this process). */
static void socket_share(long first, long listeners, long pairs) {
  long n = listeners > 0 ? listeners : 1;
  int *ls = malloc(sizeof(int) * n);
  struct sockaddr_in *at = malloc(sizeof(struct sockaddr_in) * n);
  for (long i = 0; i < n; i++) {
    ls[i] = listener(first + i);
    at[i] = local_name(ls[i]);
  }
  for (long p = 0; p < pairs; p++) {
    long l = p % n;
    client(first + p, at[l]);
    if (accept(ls[l], NULL, NULL) < 0) die("accept");
  }
}

/* Split over processes of at most SHARE sockets each: a container may cap RLIMIT_NOFILE. */
#define SHARE 15000
static void sockets(long listeners, long pairs) {
  long total = listeners + 2 * pairs;
  long k = (total + SHARE - 1) / SHARE;
  raise_nofile((rlim_t)(total / k + 64));
  for (long w = 0; w < k; w++) {
    if (spawn() == 0) {
      long l = listeners / k + (w < listeners % k), p = pairs / k + (w < pairs % k);
      socket_share(w * (listeners / k + 1), l, p);
      announce();
      sleep_forever();
    }
  }
  await(k);
  for (;;) pause();
}

static void stack(long clients, long conns, long servers) {
  raise_nofile((rlim_t)(conns / servers + 64));
  struct sockaddr_in *at = malloc(sizeof(struct sockaddr_in) * servers);
  for (long i = 0; i < servers; i++) {
    int l = listener(i);
    at[i] = local_name(l);
    if (spawn() == 0) { /* a server: accepts and keeps every connection */
      close(ready_pipe[0]);
      close(ready_pipe[1]);
      for (;;) {
        if (accept(l, NULL, NULL) < 0 && errno != EINTR) die("accept");
      }
    }
    close(l);
  }
  long each = conns / clients;
  for (long c = 0; c < clients; c++) {
    if (spawn() == 0) {
      for (long k = 0; k < each; k++) client(c * each + k, at[(c * each + k) % servers]);
      announce();
      sleep_forever();
    }
  }
  await(clients);
  for (;;) pause();
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: scale-load tree N FANOUT | chain N | sockets L P | stack N C S\n");
    return 2;
  }
  if (setpgid(0, 0) != 0) die("setpgid");
  if (pipe(ready_pipe) != 0) die("pipe");
  signal(SIGCHLD, SIG_IGN);
  const char *mode = argv[1];
  long n = atol(argv[2]);
  if (strcmp(mode, "tree") == 0 && argc == 4) {
    long fanout = atol(argv[3]);
    if (spawn() == 0) {
      tree(0, n, fanout);
      return 0;
    }
    await(n);
    for (;;) pause();
  } else if (strcmp(mode, "chain") == 0) {
    /* Each link is made by the one before it: on a loaded machine every step would wait for a
       CPU (~0.1 s at load 30 on 2 cores). As root the links run first (SCHED_FIFO, inherited);
       each returns to the normal policy once it has made its child. */
    struct sched_param rt = {.sched_priority = 1}, normal = {.sched_priority = 0};
    int realtime = sched_setscheduler(0, SCHED_FIFO, &rt) == 0;
    for (long i = 0; i < n; i++) {
      if (spawn() != 0) { /* the parent of the rest of the chain */
        if (realtime) sched_setscheduler(0, SCHED_OTHER, &normal);
        if (i == 0) {
          await(n);
          for (;;) pause();
        }
        announce();
        sleep_forever();
      }
    }
    if (realtime) sched_setscheduler(0, SCHED_OTHER, &normal);
    announce();
    sleep_forever();
  } else if (strcmp(mode, "sockets") == 0 && argc == 4) {
    sockets(n, atol(argv[3]));
  } else if (strcmp(mode, "stack") == 0 && argc == 5) {
    stack(n, atol(argv[3]), atol(argv[4]));
  }
  fprintf(stderr, "scale-load: bad arguments\n");
  return 2;
}
