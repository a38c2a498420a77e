package dev.stackscope.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * One accepted request's run: the command through the {@link Runner} with the client's streams,
 * while a second thread reads the client's frames (its stdin, or its hang-up, which cancels the
 * run). Returns the exit code for the reply.
 */
final class RunSession {
  private final Runner runner;
  private final Executor threads;
  private final PrintStream log;

  RunSession(Runner runner, Executor threads, PrintStream log) {
    this.runner = runner;
    this.threads = threads;
    this.log = log;
  }

  /** Runs the request on this thread; its frames are read on another. */
  int run(Request request, Reply reply, InputStream in) {
    Cancel cancel = new Cancel(Thread.currentThread());
    ClientInput stdin = new ClientInput(reply);
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(reply.stream('O'), StandardCharsets.UTF_8), false);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(reply.stream('E'), StandardCharsets.UTF_8), false);
    // 'started' before the frame reader: once a client's run can be seen in the server (its
    // "stackscope-watch" thread), the client knows the run began, so a server that dies from then
    // on is an error for it, never a reason to run the command again in a fresh JVM.
    reply.started();
    threads.execute(() -> watch(in, reply, stdin, cancel));
    int code;
    try {
      code =
          runner.run(
              new Runner.Call(
                  request.args(),
                  request.workingDirectory(),
                  request.pid(),
                  request.terminal(),
                  request.stderrTerminal(),
                  request.env(),
                  stdin,
                  out,
                  err));
    } catch (RuntimeException | Error e) {
      err.println("stackscope: internal error in the server: " + e);
      code = 1;
    } finally {
      out.flush();
      err.flush();
      cancel.finished();
    }
    Thread.interrupted(); // a cancelled run's interrupt must not reach the thread's next request
    return code;
  }

  /** Interrupts a run's thread while, and only while, that run is going on (threads are reused). */
  private static final class Cancel {
    private final Thread worker;
    private boolean running = true;

    Cancel(Thread worker) {
      this.worker = worker;
    }

    synchronized void cancel() {
      if (running) {
        worker.interrupt();
      }
    }

    synchronized void finished() {
      running = false;
    }

    synchronized boolean running() {
      return running;
    }
  }

  /**
   * Reads the client's frames while its run goes on: its stdin when the run asked for it, and its
   * hang-up, which cancels the run (an interrupt: a read of the client's stdin ends, and a socket
   * of the run's, an interruptible channel, is closed; threads are reused, so nothing else may be
   * left blocked on behalf of a client that is gone). Anything that is not an 'I' frame counts as a
   * hang-up.
   */
  private void watch(InputStream in, Reply reply, ClientInput stdin, Cancel cancel) {
    Thread.currentThread().setName("stackscope-watch"); // a pooled thread: named for what it does
    try {
      for (byte[] bytes; (bytes = Request.readInput(in)) != null; ) {
        stdin.deliver(bytes);
      }
    } catch (java.nio.channels.AsynchronousCloseException e) {
      return; // closed by us when the run ended
    } catch (IOException e) {
      if (!cancel.running()) {
        return; // the run ended and its connection was closed
      }
      log.println("stackscope server: a client's frames: " + e.getMessage());
    } finally {
      Thread.currentThread().setName("stackscope-request");
    }
    reply.markGone();
    stdin.end();
    cancel.cancel();
  }
}
