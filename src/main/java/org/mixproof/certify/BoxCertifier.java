package org.mixproof.certify;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * The box certificate of docs/claims.md §8: proves sup_{x∈X} ‖H(x)‖₂ ≤ B on a box X by branch and
 * bound, or falsifies it at a point, or says how much of the box is left undecided.
 *
 * <p>Best first: the sub-box with the largest upper bound is split next (along its widest side,
 * relative to the box's own sides), so the largest upper bound left is always an upper bound on the
 * supremum, and the largest rigorous lower bound found at a sub-box's midpoint a lower bound: the
 * result carries both as the enclosure of the supremum. PROVED when every sub-box's upper bound is at
 * most B; FALSIFIED when a midpoint's rigorous lower bound exceeds B; UNDECIDED when the budget ends
 * first (with the fraction of the box's volume not yet pruned).
 */
public final class BoxCertifier {

  /** Outcomes. */
  public enum Verdict { PROVED, FALSIFIED, UNDECIDED }

  private final DensityEnclosure<Interval> density;
  private final LongSupplier clock;

  public BoxCertifier(DensityEnclosure<Interval> density) { this(density, System::nanoTime); }

  BoxCertifier(DensityEnclosure<Interval> density, LongSupplier clock) {
    if (density == null) throw new IllegalArgumentException("density must not be null");
    this.density = density;
    this.clock = clock;
  }

  /** A sub-box, its share of the box's volume (1/2 per split) and its upper bound. */
  record Cell(Interval[] box, double share, double upper) {}

  /**
   * Runs branch and bound on {@code box} against {@code bound} for at most {@code budgetSeconds}
   * and {@code maxBoxes} sub-box evaluations.
   */
  public Result certify(Interval[] box, double bound, double budgetSeconds, long maxBoxes) {
    if (box == null || box.length != density.dimension()) {
      throw new IllegalArgumentException("box must have d = " + density.dimension() + " sides, had "
          + (box == null ? "null" : box.length));
    }
    for (int j = 0; j < box.length; j++) {
      if (!Double.isFinite(box[j].lo()) || !Double.isFinite(box[j].hi())) {
        throw new IllegalArgumentException("box side " + j + " must be finite, was " + box[j]);
      }
    }
    if (!Double.isFinite(bound)) throw new IllegalArgumentException("bound must be finite, was " + bound);
    if (!(budgetSeconds > 0)) throw new IllegalArgumentException("budget must be positive seconds, was " + budgetSeconds);
    if (maxBoxes < 1) throw new IllegalArgumentException("maxBoxes must be >= 1, was " + maxBoxes);
    long start = clock.getAsLong();
    long deadline = start + (long) Math.min(budgetSeconds * 1e9, Long.MAX_VALUE / 4.0);
    double[] sides = new double[box.length];
    for (int j = 0; j < box.length; j++) sides[j] = box[j].width();
    PriorityQueue<Cell> queue = new PriorityQueue<>((p, q) -> Double.compare(q.upper, p.upper));
    double prunedUpper = Double.NEGATIVE_INFINITY;
    Witness witness = null;
    long boxes = 0;
    List<Interval[]> pending = new ArrayList<>();
    pending.add(box);
    double pendingShare = 1;
    while (true) {
      for (Interval[] b : pending) {
        boxes++;
        Cell cell = new Cell(b, pendingShare, SpectralBounds.upper(density.over(b).hessian()));
        Witness w = midpointWitness(b);
        if (witness == null || w.lower > witness.lower) witness = w;
        if (cell.upper <= bound) prunedUpper = Math.max(prunedUpper, cell.upper);
        else queue.add(cell);
      }
      pending.clear();
      Verdict verdict = null;
      if (witness.lower > bound) verdict = Verdict.FALSIFIED;
      else if (queue.isEmpty()) verdict = Verdict.PROVED;
      else if (clock.getAsLong() > deadline || boxes >= maxBoxes) verdict = Verdict.UNDECIDED;
      if (verdict != null) {
        double upper = Math.max(prunedUpper, queue.isEmpty() ? Double.NEGATIVE_INFINITY : queue.peek().upper);
        double unpruned = 0;
        for (Cell c : queue) unpruned += c.share;
        return new Result(verdict, witness.lower, upper, boxes, (clock.getAsLong() - start) / 1e9, unpruned,
            witness);
      }
      Cell top = queue.poll();
      int axis = 0;
      double widest = -1;
      for (int j = 0; j < top.box.length; j++) {
        double rel = sides[j] > 0 ? top.box[j].width() / sides[j] : 0;
        if (rel > widest) {
          widest = rel;
          axis = j;
        }
      }
      double mid = top.box[axis].mid();
      Interval[] left = top.box.clone(), right = top.box.clone();
      left[axis] = Interval.of(top.box[axis].lo(), mid);
      right[axis] = Interval.of(mid, top.box[axis].hi());
      pending.add(left);
      pending.add(right);
      pendingShare = top.share / 2;
    }
  }

  private Witness midpointWitness(Interval[] b) {
    double[] x = new double[b.length];
    for (int j = 0; j < b.length; j++) x[j] = b[j].mid();
    Interval[][] h = density.at(x).hessian();
    double[] v = SpectralBounds.topEigenvector(h);
    return new Witness(x, v, SpectralBounds.lower(h, v));
  }

  /** A point, the vector of its Rayleigh quotient, and the rigorous lower bound on ‖H(x)‖₂ there. */
  public record Witness(double[] point, double[] vector, double lower) {}

  /**
   * The outcome: the verdict, a rigorous enclosure [lower, upper] of the supremum over the box, the
   * sub-boxes evaluated, the wall time, the share of the volume left unpruned, and the best point.
   */
  public record Result(Verdict verdict, double lower, double upper, long boxes, double seconds, double unprunedFraction,
      Witness witness) {}
}
