package org.mixproof.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mixproof.rounding.RoundingModel.U;

import java.math.BigDecimal;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.mixproof.certify.GaussianLawEnclosure.Bounds;
import org.mixproof.certify.GaussianLawEnclosure.EnclosedScheme;
import org.mixproof.certify.GaussianLawEnclosure.Law;
import org.mixproof.schedule.NoiseSchedule;
import org.mixproof.schedule.Schedules;

/**
 * The law certificate against an independent 60-digit computation: [PG24]'s per-eigenvalue updates
 * as docs/claims.md §5.1 writes them (β_PG = β/2, B_PG = B/2 of vp-linear:0.1,20 with the doubles 0.1
 * and 20), the other schemes' hand recursions written from their definitions, the continuous-time
 * closed forms, and W2 and KL from the reference variances. Every enclosure must contain the
 * reference (apfloat's own error at 60 digits, below 1e-50 relative, is far inside the enclosures'
 * half-widths of ~1e-14, so containment is tested exactly).
 */
class GaussianLawEnclosureTest {

  static final long P = 60;
  static final Apfloat ONE = new Apfloat(1, P);
  static final NoiseSchedule VP = Schedules.parse("vp-linear:0.1,20");
  static final ForwardProcess<Interval> PROCESS = ForwardProcess.of(VP);
  /** A spectrum with a zero, 1 (where the prior is exact) and CIFAR-10's extremes. */
  static final double[] LAMBDA = {0, 2.5e-4, 0.03, 0.9, 1, 4.5, 221.5};

  static Apfloat of(double x) { return new Apfloat(new BigDecimal(x), P); }

  static void assertContains(Interval i, Apfloat ref, String what) {
    assertTrue(of(i.lo()).compareTo(ref) <= 0 && ref.compareTo(of(i.hi())) <= 0,
        what + ": " + i + " must contain " + ref.toString(true));
  }

  /** B(t) = β_min t + ½ (β_max − β_min) t² in 60 digits. */
  static Apfloat bigB(Apfloat t) {
    Apfloat bmin = of(0.1), slope = of(20).subtract(bmin);
    return bmin.multiply(t).add(new Apfloat("0.5", P).multiply(slope).multiply(t).multiply(t));
  }

  static Apfloat beta(Apfloat t) { return of(0.1).add(of(20).subtract(of(0.1)).multiply(t)); }

  private static final java.util.Map<Apfloat, Apfloat> EXP_MINUS_B = new java.util.concurrent.ConcurrentHashMap<>();

  /** λ(t) = e^{−B}λ + 1 − e^{−B} (e^{−B(t)} computed once per time: apfloat's exp costs a millisecond). */
  static Apfloat lambdaAt(double lambda, Apfloat t) {
    Apfloat e = EXP_MINUS_B.computeIfAbsent(t, x -> ApfloatMath.exp(bigB(x).negate()));
    return e.multiply(of(lambda)).add(ONE).subtract(e);
  }

  static double[] grid(double eps, int points) {
    double[] f = new double[points];
    for (int k = 0; k < points; k++) f[k] = 1 - (1 - eps) * k / (points - 1);
    return f;
  }

  /**
   * The variance after a run, from [PG24]'s updates in 60 digits (forward times t_k > t_{k+1}, Δ =
   * t_k − t_{k+1}, β_PG = β/2, c(t) = β_PG(t)(1 − 1/λ(t))), and the schemes not in [PG24] from their
   * definitions with the exact Gaussian score −y/λ(t).
   */
  static Apfloat reference(String scheme, double lambda, Apfloat v0, double[] ft) {
    Apfloat v = v0, half = new Apfloat("0.5", P), two = new Apfloat(2, P);
    for (int k = 0; k + 1 < ft.length; k++) {
      Apfloat tk = of(ft[k]), tk1 = of(ft[k + 1]), dt = tk.subtract(tk1);
      Apfloat bk = half.multiply(beta(tk)), lk = lambdaAt(lambda, tk);
      Apfloat db = half.multiply(bigB(tk).subtract(bigB(tk1))); // B_PG(t_k) − B_PG(t_{k+1})
      Apfloat g1 = ApfloatMath.exp(db).subtract(ONE);
      switch (scheme) {
        case "em" -> v = sq(ONE.add(dt.multiply(bk).multiply(ONE.subtract(two.divide(lk))))).multiply(v)
            .add(two.multiply(dt).multiply(bk));
        case "ei" -> {
          Apfloat g2 = ApfloatMath.exp(two.multiply(db)).subtract(ONE).multiply(half);
          v = sq(ONE.add(g1.multiply(ONE.subtract(two.divide(lk))))).multiply(v).add(two.multiply(g2));
        }
        case "ddpm" -> {
          Apfloat bd = two.multiply(dt).multiply(bk);
          v = sq(ONE.subtract(bd.divide(lk))).multiply(v).divide(ONE.subtract(bd)).add(bd);
        }
        case "ode-euler" -> v = sq(ONE.add(dt.multiply(c(lambda, tk)))).multiply(v);
        case "ode-heun" -> {
          Apfloat ck = c(lambda, tk), ck1 = c(lambda, tk1), hd = half.multiply(dt);
          v = sq(ONE.add(hd.multiply(ck)).add(hd.multiply(ck1).multiply(ONE.add(dt.multiply(ck))))).multiply(v);
        }
        case "ode-rk4" -> {
          Apfloat mid = tk.add(tk1).multiply(half), cm = c(lambda, mid);
          Apfloat c1 = c(lambda, tk), c2 = cm.multiply(ONE.add(dt.multiply(c1).multiply(half)));
          Apfloat c3 = cm.multiply(ONE.add(dt.multiply(c2).multiply(half)));
          Apfloat c4 = c(lambda, tk1).multiply(ONE.add(dt.multiply(c3)));
          Apfloat sum = c1.add(two.multiply(c2)).add(two.multiply(c3)).add(c4);
          v = sq(ONE.add(dt.divide(new Apfloat(6, P)).multiply(sum))).multiply(v);
        }
        // ode-ei: y' = Φ y + ½ I_s s, Φ − 1 = γ1, I_s = 2γ1, s = −y/λ
        case "ode-ei", "dpom", "dpum" -> {
          v = sq(ONE.add(g1.multiply(ONE.subtract(ONE.divide(lk))))).multiply(v);
          Apfloat eta = half.multiply(dt).multiply(beta(tk1)), l1 = lambdaAt(lambda, tk1); // η = h g(t')²/2
          if (scheme.equals("dpom")) v = sq(ONE.subtract(eta.divide(l1))).multiply(v).add(two.multiply(eta));
          if (scheme.equals("dpum")) { // γ = 2: v ← (1 − η²/λ)² v + η²(1 − 2η)² + 4η³
            v = sq(ONE.subtract(eta.multiply(eta).divide(l1))).multiply(v)
                .add(sq(eta.multiply(ONE.subtract(two.multiply(eta))))).add(new Apfloat(4, P).multiply(eta.multiply(eta).multiply(eta)));
          }
        }
        // α = a_t²/a_{t'}² = e^{−(B(t) − B(t'))}, β = 1 − α; y' = (y − β y/λ)/√α (+ noise)
        case "ly24", "clw25" -> {
          Apfloat alpha = ApfloatMath.exp(two.multiply(db).negate()), b = ONE.subtract(alpha);
          v = sq(ONE.subtract(b.divide(lk))).multiply(v).divide(alpha).add(scheme.equals("ly24") ? b.divide(alpha) : b);
        }
        default -> throw new IllegalArgumentException(scheme);
      }
    }
    return v;
  }

  static Apfloat c(double lambda, Apfloat t) {
    return new Apfloat("0.5", P).multiply(beta(t)).multiply(ONE.subtract(ONE.divide(lambdaAt(lambda, t))));
  }

  static Apfloat sq(Apfloat x) { return x.multiply(x); }

  @Test
  void everySchemeEnclosesThe60DigitRecursionAndItsW2AndKl() {
    GaussianLawEnclosure law = new GaussianLawEnclosure(LAMBDA, null);
    for (double eps : new double[] {1e-3, 1e-5}) {
      double[] ft = grid(eps, 25); // h < 1/20: ddpm's 1 − β(1) h stays positive
      Law target = law.marginal(PROCESS, eps);
      List<Law> starts = List.of(law.start(false, PROCESS, 1), law.start(true, PROCESS, 1));
      for (String scheme : GaussianLawEnclosure.SCHEMES) {
        GaussianLawEnclosure.Run run = law.propagate(EnclosedScheme.parse(scheme), PROCESS, ft, 0, starts);
        assertTrue(run.defined(), scheme + ": " + run.undefined());
        for (int k = 0; k < 2; k++) {
          Apfloat w2 = new Apfloat(0, P), kl = new Apfloat(0, P);
          for (int j = 0; j < LAMBDA.length; j++) {
            Apfloat v0 = k == 0 ? ONE : lambdaAt(LAMBDA[j], ONE), v = reference(scheme, LAMBDA[j], v0, ft);
            String what = scheme + " eps " + eps + " start " + k + " lambda " + LAMBDA[j];
            assertContains(run.laws().get(k).variance()[j], v, what);
            Apfloat le = lambdaAt(LAMBDA[j], of(eps));
            w2 = w2.add(sq(ApfloatMath.sqrt(v).subtract(ApfloatMath.sqrt(le))));
            Apfloat r = v.divide(le).subtract(ONE);
            kl = kl.add(r.subtract(ApfloatMath.log(v.divide(le))));
          }
          String what = scheme + " eps " + eps + " start " + k;
          assertContains(GaussianLawEnclosure.w2(run.laws().get(k), target), ApfloatMath.sqrt(w2), what + " W2");
          Bounds b = GaussianLawEnclosure.kl(run.laws().get(k), target);
          assertContains(Interval.of(b.lower(), b.upper()), kl.multiply(new Apfloat("0.5", P)), what + " KL");
        }
      }
    }
  }

  /**
   * Means: em, ei and ddpm on N(μ, λ) by hand, with the score −(y − a_t μ)/λ(t): the mean lane adds
   * (coefficient of the score) · a_t μ/λ(t) each step; here λ(t) = a_t² λ + b_t².
   */
  @Test
  void meansOfTheNoisySchemesMatchTheHandRecursion() {
    double[] lam = {0.25, 3}, mu = {1.5, -0.75};
    GaussianLawEnclosure law = new GaussianLawEnclosure(lam, mu);
    double[] ft = grid(1e-3, 25);
    Law start = law.start(true, PROCESS, 1);
    Apfloat half = new Apfloat("0.5", P), two = new Apfloat(2, P);
    for (String scheme : List.of("em", "ei", "ddpm")) {
      Law out = law.propagate(EnclosedScheme.parse(scheme), PROCESS, ft, 0, List.of(start)).laws().get(0);
      for (int j = 0; j < lam.length; j++) {
        Apfloat m = ApfloatMath.exp(bigB(ONE).multiply(half).negate()).multiply(of(mu[j])); // a_T μ
        for (int k = 0; k + 1 < ft.length; k++) {
          Apfloat tk = of(ft[k]), dt = tk.subtract(of(ft[k + 1])), lk = lambdaAt(lam[j], tk);
          Apfloat ak = ApfloatMath.exp(bigB(tk).multiply(half).negate());
          Apfloat db = half.multiply(bigB(tk).subtract(bigB(of(ft[k + 1]))));
          Apfloat lin, sc; // y' = lin·y + sc·s(y), s(y) = −(y − a μ)/λ
          switch (scheme) {
            case "em" -> { lin = ONE.add(dt.multiply(half).multiply(beta(tk))); sc = dt.multiply(beta(tk)); }
            case "ei" -> { lin = ApfloatMath.exp(db); sc = two.multiply(lin.subtract(ONE)); }
            default -> {
              Apfloat s = ONE.divide(ApfloatMath.sqrt(ONE.subtract(dt.multiply(beta(tk)))));
              lin = s;
              sc = s.multiply(dt).multiply(beta(tk));
            }
          }
          m = lin.multiply(m).subtract(sc.multiply(m.subtract(ak.multiply(of(mu[j])))).divide(lk));
        }
        assertContains(out.mean()[j], m, scheme + " mean " + j);
      }
    }
  }

  /**
   * The continuous-time laws from N(0, I) (docs/claims.md §5.1): SDE v = λ_t + e^{−2(B_T − B_t)}
   * λ_t²/λ_T (1/λ_T − 1) and ODE v = λ_t/λ_T in [PG24]'s B (= our B/2), W2 against p_t in 60 digits.
   */
  @Test
  void continuousLimitsEncloseTheClosedForms() {
    GaussianLawEnclosure law = new GaussianLawEnclosure(LAMBDA, null);
    Law prior = law.start(false, PROCESS, 1);
    for (double t : new double[] {0, 1e-5, 1e-3, 0.3}) {
      Apfloat sde = new Apfloat(0, P), ode = new Apfloat(0, P), tt = of(t);
      Apfloat e = ApfloatMath.exp(bigB(ONE).subtract(bigB(tt)).negate()); // e^{−2(B_PG(T) − B_PG(t))}
      for (double l : LAMBDA) {
        Apfloat lt = lambdaAt(l, tt), lT = lambdaAt(l, ONE);
        Apfloat vs = lt.add(e.multiply(lt).multiply(lt).divide(lT).multiply(ONE.divide(lT).subtract(ONE)));
        sde = sde.add(sq(ApfloatMath.sqrt(vs).subtract(ApfloatMath.sqrt(lt))));
        ode = ode.add(sq(ApfloatMath.sqrt(lt.divide(lT)).subtract(ApfloatMath.sqrt(lt))));
      }
      assertContains(law.continuousW2(PROCESS, 1, t, prior, false, false), ApfloatMath.sqrt(sde), "SDE at " + t);
      assertContains(law.continuousW2(PROCESS, 1, t, prior, false, true), ApfloatMath.sqrt(ode), "ODE at " + t);
      Interval fromPT = law.continuousW2(PROCESS, 1, t, law.start(true, PROCESS, 1), true, false);
      assertEquals(Interval.ZERO, fromPT, "from p_T the exact reverse process gives p_t");
    }
  }

  /**
   * Data N(0, 1) under vp-ou from N(0, 1): every p_t is N(0, 1), so one em step of h gives
   * v = (1 + h − 2h)² + 2h = 1 + h² (exact score −y), and ode-euler is exact (c = 0): W2 = √(1 + h²) − 1
   * and 0. The enclosures must contain these; the width is derived below.
   */
  @Test
  void standardNormalByHand() {
    ForwardProcess<Interval> ou = ForwardProcess.of(Schedules.parse("vp-ou"));
    GaussianLawEnclosure law = new GaussianLawEnclosure(new double[] {1}, null);
    double h = 0.25;
    Law start = law.start(false, ou, 1), target = law.marginal(ou, 0.75);
    Law em = law.propagate(EnclosedScheme.parse("em"), ou, new double[] {1, 0.75}, 0, List.of(start)).laws().get(0);
    assertTrue(em.variance()[0].contains(1 + h * h)); // 1.0625 is a double
    Interval w2 = GaussianLawEnclosure.w2(em, target);
    assertContains(w2, ApfloatMath.sqrt(of(1.0625)).subtract(ONE), "em W2");
    // v and the target's a² + b² ≈ 1 are each enclosed within ~16 u (exp and expm1 at two ulps, a few
    // roundings), so v − 1 = 1/16 is known to ~32 u absolute: ≤ 512 u relative, 1024 u with the square root
    assertTrue(w2.relativeWidth() <= 1024 * U, "width " + w2.relativeWidth());
    Law euler = law.propagate(EnclosedScheme.parse("ode-euler"), ou, new double[] {1, 0.75}, 0, List.of(start)).laws().get(0);
    assertTrue(GaussianLawEnclosure.w2(euler, target).contains(0));
  }

  @Test
  void guardsFire() {
    GaussianLawEnclosure law = new GaussianLawEnclosure(new double[] {0, 1}, null);
    ForwardProcess<Interval> ou = ForwardProcess.of(Schedules.parse("vp-ou"));
    List<Law> starts = List.of(law.start(false, ou, 1));
    // ddpm under vp-ou: 1 + 2 f h = 1 − 2h; h = 0.75 makes it −0.5 ≤ 0: undefined for certain
    GaussianLawEnclosure.Run r = law.propagate(EnclosedScheme.parse("ddpm"), ou, new double[] {1, 0.25}, 0, starts);
    assertFalse(r.defined());
    assertTrue(r.undefined().contains("1 + 2 f h") && r.undefined().contains("≤ 0"), r.undefined());
    // h = 0.5 makes it 0 exactly: the interval [−tiny, tiny] cannot decide, and says so
    r = law.propagate(EnclosedScheme.parse("ddpm"), ou, new double[] {1, 0.5}, 0, starts);
    assertTrue(r.undefined().startsWith("not certified"), r.undefined());
    // a zero eigenvalue at t = 0: the score divides by an exact zero (Heun evaluates it at t' = 0)
    r = law.propagate(EnclosedScheme.parse("ode-heun"), ou, new double[] {1, 0}, 0, starts);
    assertTrue(r.undefined().contains("undefined at t = 0.0: eigenvalue 0"), r.undefined());
    // em never evaluates at t' = 0: defined, with KL = +∞ against the point mass p_0 in coordinate 0
    r = law.propagate(EnclosedScheme.parse("em"), ou, new double[] {1, 0}, 0, starts);
    assertNull(r.undefined());
    Bounds kl = GaussianLawEnclosure.kl(r.laws().get(0), law.marginal(ou, 0));
    assertEquals(Double.POSITIVE_INFINITY, kl.lower());
    // refused: unknown schemes, dpum with more than one corrector step, a schedule without closed form
    assertThrows(IllegalArgumentException.class, () -> EnclosedScheme.parse("heun"));
    assertThrows(IllegalArgumentException.class, () -> new EnclosedScheme("dpum", 2, 1, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForwardProcess.of(CustomSchedule.INSTANCE));
    assertTrue(e.getMessage().contains("custom"), e.getMessage());
  }

  /**
   * vp-ou, ode-ei, 120 steps from T = 3 to 0, N(0, I) start: y' = (1 + (e^h − 1)(1 − 1/λ_t)) y. The
   * double code's W2 (1.8367598782712082) misses the real value by ~340u after 120 steps; the
   * enclosure must contain the 60-digit value.
   */
  @Test
  void odeEiUnderVpOuEnclosesTheReferenceWhereTheDoubleDrifts() {
    double[] lam = {0, 3e-4, 0.02, 0.7, 1, 6, 150};
    double[] ft = new double[121];
    for (int i = 0; i <= 120; i++) ft[i] = 3 - 3.0 * i / 120; // TimeGrid.uniform(3, 0, 120)
    ForwardProcess<Interval> ou = ForwardProcess.of(Schedules.parse("vp-ou"));
    GaussianLawEnclosure law = new GaussianLawEnclosure(lam, null);
    Law out = law.propagate(EnclosedScheme.parse("ode-ei"), ou, ft, 0, List.of(law.start(false, ou, 3))).laws().get(0);
    Apfloat sum = new Apfloat(0, P);
    for (double l : lam) {
      Apfloat v = ONE;
      for (int k = 0; k + 1 < ft.length; k++) {
        Apfloat e = ApfloatMath.exp(of(ft[k]).multiply(new Apfloat(-2, P)));
        Apfloat lt = e.multiply(of(l)).add(ONE).subtract(e);
        Apfloat g = ApfloatMath.exp(of(ft[k]).subtract(of(ft[k + 1]))).subtract(ONE);
        v = sq(ONE.add(g.multiply(ONE.subtract(ONE.divide(lt))))).multiply(v);
      }
      sum = sum.add(sq(ApfloatMath.sqrt(v).subtract(ApfloatMath.sqrt(of(l)))));
    }
    Interval w2 = GaussianLawEnclosure.w2(out, law.marginal(ou, 0));
    assertContains(w2, ApfloatMath.sqrt(sum), "ode-ei vp-ou W2");
    assertFalse(w2.contains(1.8367598782712082), "the double value lies outside: " + w2);
  }

  /** KL(N(0, 1e-30) ‖ N(0, 1)) = ½(1e-30 − 1 − log 1e-30): r = v/w − 1 is within u of −1. */
  @Test
  void klOfAVanishingVariance() {
    Law p = new Law(null, new Interval[] {Interval.of(1e-30)}), q = new Law(null, new Interval[] {Interval.ONE});
    Bounds kl = GaussianLawEnclosure.kl(p, q);
    Apfloat v = of(1e-30), ref = v.subtract(ONE).subtract(ApfloatMath.log(v)).multiply(new Apfloat("0.5", P));
    assertContains(Interval.of(kl.lower(), kl.upper()), ref, "KL");
    // log(1e-30) ≈ −69 within 2 ulps each side: 4 ulp(69) = 512u absolute, 15u relative to KL ≈ 34;
    // the outward subtraction and halving add ~4u each side: at most 32u
    assertTrue(kl.relativeWidth() <= 32 * U, "width " + kl.relativeWidth());
  }

  /** g(r) = r − log(1 + r) at points across the series' switch (|r| = 1/8) against 60 digits. */
  @Test
  void rMinusLog1pEnclosesTheReference() {
    for (double r : new double[] {-0.9, -0.2, -0.125, -0.1249, -1e-3, -1e-9, 0, 3e-12, 1e-4, 0.125, 0.13, 2, 1e6}) {
      Apfloat x = of(r), ref = x.subtract(ApfloatMath.log(ONE.add(x)));
      assertContains(GaussianLawEnclosure.rMinusLog1pAt(r), ref, "g(" + r + ")");
      Interval g = GaussianLawEnclosure.rMinusLog1p(Interval.of(r));
      assertContains(g, ref, "g([" + r + "])");
      // width at most 8u(|r| + |log(1 + r)|) + 8u·g: the two ulps of r and of log1p each side and the
      // final rounding; the series branch is far inside it (no cancellation of r − log(1 + r))
      double bound = 8 * U * (Math.abs(r) + Math.abs(Math.log1p(r))) + 8 * U * (r - Math.log1p(r))
          + 64 * Double.MIN_VALUE; // at r = 0 the outward steps of the 18 series terms are subnormal
      assertTrue(g.width() <= bound, r + ": " + g.width() + " > " + bound);
    }
    Interval across = GaussianLawEnclosure.rMinusLog1p(Interval.of(-0.01, 0.02));
    assertEquals(0.0, across.lo(), 0.0);
    assertContains(across, of(0.02).subtract(ApfloatMath.log(ONE.add(of(0.02)))), "g over [-0.01, 0.02]");
  }
}
