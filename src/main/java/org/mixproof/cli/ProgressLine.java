package org.mixproof.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress of a long job on stderr: on a terminal, one status line rewritten in place twice a second;
 * otherwise (a CI log, a pipe) a plain line every {@value #PLAIN_SECONDS} seconds, so a log shows the
 * job is alive without filling up. Each line says what runs, the status the job reports (claim, try or
 * step and an ETA where the job knows one) and the elapsed time. Quiet: nothing at all.
 *
 * <p>Written here rather than taken from a progress-bar library: those draw a bar against a known total,
 * and most of our long jobs (a Lipschitz search, an error table) have no total to show.
 */
final class ProgressLine implements AutoCloseable {

  /** Seconds between two plain lines when stderr is not a terminal. */
  static final int PLAIN_SECONDS = 5;

  private final PrintWriter err;
  private final boolean quiet;
  private final boolean terminal;
  private final String what;
  private final Supplier<String> status;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer;
  private int shown;

  /** Starts ticking; {@code status} is polled from the timer thread and must be thread-safe. */
  ProgressLine(PrintWriter err, boolean quiet, String what, Supplier<String> status) {
    this(err, quiet, System.console() != null, what, status);
  }

  ProgressLine(PrintWriter err, boolean quiet, boolean terminal, String what, Supplier<String> status) {
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
    this.what = what;
    this.status = status;
    if (quiet) {
      timer = null;
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mixproof-progress");
      t.setDaemon(true);
      return t;
    });
    long period = terminal ? 500 : PLAIN_SECONDS * 1000L;
    timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  double elapsed() { return (System.nanoTime() - start) * 1e-9; }

  private synchronized void tick() {
    String s = String.format(Locale.ROOT, "%s: %s (elapsed %.0f s)", what, status.get(), elapsed());
    if (terminal) {
      err.print("\r" + s + " ".repeat(Math.max(0, shown - s.length())));
      shown = s.length();
    } else {
      err.println(s);
    }
    err.flush();
  }

  /** A permanent line (a finished claim, say), printed above the status line. */
  synchronized void line(String text) {
    if (quiet) return;
    if (terminal && shown > 0) {
      err.print("\r" + " ".repeat(shown) + "\r");
      shown = 0;
    }
    err.println(text);
    err.flush();
  }

  @Override public synchronized void close() {
    if (timer != null) timer.shutdownNow();
    if (terminal && shown > 0 && !quiet) {
      err.print("\r" + " ".repeat(shown) + "\r");
      err.flush();
    }
  }
}
