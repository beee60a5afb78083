package org.mixproof.claim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

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

  /** Reads and validates every file (unknown quantity or key, bad expression) before anything runs. */
  public static Catalog load(Path dir, String glob) throws IOException {
    List<ClaimSpec> specs = ClaimFiles.readAll(ClaimFiles.list(dir, glob));
    if (specs.isEmpty()) throw new IllegalArgumentException("no claim file in " + dir + " matches '" + glob + "'");
    for (ClaimSpec s : specs) Checks.forSpec(s);
    return new Catalog(specs);
  }

  public List<ClaimSpec> specs() { return specs; }

  public List<ClaimResult> run(RunOptions options, int threads, Consumer<Progress> progress) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ClaimResult>> futures = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        ClaimSpec spec = specs.get(i);
        int index = i;
        futures.add(pool.submit(() -> {
          long start = System.nanoTime();
          synchronized (progress) {
            progress.accept(new Progress(index, specs.size(), spec, null, 0));
          }
          ClaimResult r = Checks.run(spec, options);
          synchronized (progress) {
            progress.accept(new Progress(index, specs.size(), spec, r, (System.nanoTime() - start) * 1e-9));
          }
          return r;
        }));
      }
      List<ClaimResult> out = new ArrayList<>();
      for (Future<ClaimResult> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) throw re;
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
}
