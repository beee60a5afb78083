package org.mixproof.claim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mixproof.claim.spec.CatalogValidation;
import org.mixproof.claim.spec.ClaimFiles;
import org.mixproof.claim.spec.ClaimFormatException;
import org.mixproof.claim.spec.ClaimSpec;

/**
 * The claim catalog: every file of a directory matching a glob, read and checked. Claims run on
 * {@code threads} workers; each claim is seeded on its own, so the results — returned in file
 * order — do not depend on the thread count or on timing (unless the deadline cuts a claim short,
 * which its result then says).
 */
public final class Catalog {

  /** A claim started ({@code result} null) or finished: its position, the total, the result and the wall time it took. */
  public record Progress(int index, int total, ClaimSpec spec, ClaimResult result, double seconds) {}

  private final List<ClaimSpec> specs;

  private Catalog(List<ClaimSpec> specs) { this.specs = List.copyOf(specs); }

  /**
   * Reads and validates every file before anything runs ({@link CatalogValidation}); all problems are
   * reported together in one {@link CatalogException}.
   */
  public static Catalog load(Path dir, String glob) throws IOException {
    List<Path> files = ClaimFiles.list(dir, glob);
    if (files.isEmpty()) throw new IllegalArgumentException("no claim file in " + dir + " matches '" + glob + "'");
    List<ClaimFormatException> problems = problems(files);
    if (!problems.isEmpty()) throw new CatalogException(problems);
    List<ClaimSpec> specs = new ArrayList<>();
    for (Path f : files) specs.add(ClaimFiles.read(f));
    return new Catalog(specs);
  }

  /** Every problem of the claim files, in file order ({@link CatalogValidation} with this engine's checks); empty when all are valid. */
  public static List<ClaimFormatException> problems(List<Path> files) {
    return CatalogValidation.problems(files, Checks::forSpec);
  }

  /** Every problem of a catalog, listed together. */
  public static final class CatalogException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<ClaimFormatException> problems;

    public CatalogException(List<ClaimFormatException> problems) {
      super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the claim files:\n  "
          + String.join("\n  ", problems.stream().map(Throwable::getMessage).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<ClaimFormatException> problems() { return problems; }
  }

  public List<ClaimSpec> specs() { return specs; }

  /**
   * Runs every claim on {@code threads} workers. A claim the budget never reached is NOT_RUN; each
   * claim gets its own deadline ({@link RunOptions#forClaim}); a claim still computing {@link #GRACE}
   * after the run's deadline (one case that cannot finish) is abandoned and reported as ERROR, so the
   * run ends near its budget whatever a case does.
   */
  public List<ClaimResult> run(RunOptions options, int threads, Consumer<Progress> progress) {
    return run(options, threads, false, progress);
  }

  /** As {@link #run(RunOptions, int, Consumer)}; with {@code failFast}, claims not started after an unexpected verdict are NOT_RUN. */
  public List<ClaimResult> run(RunOptions options, int threads, boolean failFast, Consumer<Progress> progress) {
    return run(options, threads, failFast, progress, GRACE_NANOS);
  }

  List<ClaimResult> run(RunOptions options, int threads, boolean failFast, Consumer<Progress> progress, long graceNanos) {
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "mixproof-claim");
      t.setDaemon(true); // an abandoned case must not keep the JVM alive
      return t;
    });
    boolean[] started = new boolean[specs.size()];
    try {
      List<Future<ClaimResult>> futures = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        ClaimSpec spec = specs.get(i);
        int index = i;
        futures.add(pool.submit(() -> {
          if (options.pastDeadline() || stop.get()) {
            ClaimResult r = ClaimResult.notRun(spec, options.seedFor(spec), stop.get()
                ? "--fail-fast: an earlier claim got an unexpected verdict" : "the run's --budget ended before this claim started");
            synchronized (progress) {
              progress.accept(new Progress(index, specs.size(), spec, r, 0));
            }
            return r;
          }
          synchronized (started) {
            started[index] = true;
          }
          long start = System.nanoTime();
          synchronized (progress) {
            progress.accept(new Progress(index, specs.size(), spec, null, 0));
          }
          ClaimResult r = Checks.run(spec, options.forClaim(spec));
          if (failFast && !r.asExpected()) stop.set(true);
          synchronized (progress) {
            progress.accept(new Progress(index, specs.size(), spec, r, (System.nanoTime() - start) * 1e-9));
          }
          return r;
        }));
      }
      List<ClaimResult> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        Future<ClaimResult> f = futures.get(i);
        ClaimSpec spec = specs.get(i);
        try {
          if (options.deadlineNanos() == Long.MAX_VALUE) {
            out.add(f.get());
          } else {
            long wait = options.deadlineNanos() + graceNanos - System.nanoTime();
            out.add(f.get(Math.max(0, wait), TimeUnit.NANOSECONDS));
          }
        } catch (TimeoutException e) {
          f.cancel(true);
          boolean began;
          synchronized (started) {
            began = started[i];
          }
          out.add(began
              ? ClaimResult.error(spec, options.seedFor(spec), "stopped: still computing " + graceNanos / 1_000_000_000L + " s after the"
                  + " run's --budget ended (a single case did not finish in time); its result is unknown")
              : ClaimResult.notRun(spec, options.seedFor(spec), "the run's --budget ended before this claim started"));
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) throw re;
          if (c instanceof Error err) throw err;
          throw new IllegalStateException(c);
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Seconds a claim may run past the run's deadline before it is abandoned. */
  public static final int GRACE = 5;

  private static final long GRACE_NANOS = GRACE * 1_000_000_000L;

}
