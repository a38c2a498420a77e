package dev.stackscope.shell;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;

/**
 * Runs one shell line on a worker thread so that Ctrl-C stops the command, not the shell: SIGINT
 * interrupts the worker; a command that ignores the interrupt for {@link #GRACE_MILLIS} is left
 * behind with its output cut off, and the shell returns to the prompt with exit code 130.
 */
final class CommandWorker {
  static final int INTERRUPTED = 130;
  static final long GRACE_MILLIS = 2000;

  private final Terminal terminal;

  CommandWorker(Terminal terminal) {
    this.terminal = terminal;
  }

  /** A writer onto the terminal that can be cut off once its command has been abandoned. */
  static final class Gate extends Writer {
    private final Writer target;
    private volatile boolean open = true;

    Gate(Writer target) {
      this.target = target;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws java.io.IOException {
      if (open) {
        target.write(cbuf, off, len);
      }
    }

    @Override
    public void flush() throws java.io.IOException {
      if (open) {
        target.flush();
      }
    }

    @Override
    public void close() {
      open = false;
    }
  }

  /** Runs {@code command(out)} on a worker thread; returns its code, or 130 when interrupted. */
  int run(java.util.function.Function<PrintWriter, Integer> command, PrintWriter err) {
    Gate gate = new Gate(terminal.writer());
    PrintWriter out = new PrintWriter(gate, true);
    Callable<Integer> body =
        () -> {
          SharedTerminal.set(terminal);
          try {
            return command.apply(out);
          } finally {
            SharedTerminal.clear();
            out.flush();
          }
        };
    FutureTask<Integer> task = new FutureTask<>(body);
    Thread worker = new Thread(task, "stackscope-command");
    worker.setDaemon(true);
    long[] interruptedAt = {0};
    SignalHandler previous =
        terminal.handle(
            Signal.INT,
            signal -> {
              interruptedAt[0] = System.nanoTime();
              worker.interrupt();
            });
    try {
      worker.start();
      while (true) {
        try {
          return task.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          long at = interruptedAt[0];
          if (at != 0 && System.nanoTime() - at > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) {
            gate.close();
            err.println(
                "stackscope: interrupted (the command did not stop; its output is discarded)");
            err.flush();
            return INTERRUPTED;
          }
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          err.println(
              "stackscope: "
                  + dev.stackscope.output.Sanitizer.clean(
                      cause.getClass().getSimpleName()
                          + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
          err.flush();
          return 1;
        } catch (InterruptedException e) {
          worker.interrupt();
          Thread.currentThread().interrupt();
          return INTERRUPTED;
        }
      }
    } finally {
      terminal.handle(Signal.INT, previous);
    }
  }
}
