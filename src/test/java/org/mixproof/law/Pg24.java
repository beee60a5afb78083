package org.mixproof.law;

import static org.mixproof.rounding.RoundingModel.EPS;

/**
 * [PG24]'s per-eigenvalue variance updates exactly as docs/claims.md §5.1 writes them — an independent
 * statement, not derived from the scheme code — with, for each run, a forward-error bound:
 * every step's multiplier M is also evaluated with all its terms replaced by their absolute values
 * (M_abs), so the relative rounding error of M is at most c·u·M_abs/|M|.
 *
 * <p>Setting: β(t) = 0.05 + 9.95 t, B(t) = 0.05 t + 4.975 t², T = 1, forward times T − t_k with
 * t_k = (T − ε) k/(N − 1), λ(t) = e^{−2B}λ + 1 − e^{−2B} (1 − e^{−2B} evaluated as −expm1(−2B)).
 */
public final class Pg24 {

  static final double T = 1;

  static double beta(double t) { return 0.05 + t * 9.95; }

  static double bigB(double t) { return 0.05 * t + 4.975 * t * t; }

  /** B(t) − B(s) = (t − s)(0.05 + 4.975 (t + s)), factorised so it does not cancel. */
  static double bigBDiff(double t, double s) { return (t - s) * (0.05 + 4.975 * (t + s)); }

  public static double lambdaAt(double lambda, double t) {
    double e = Math.exp(-2 * bigB(t));
    return e * lambda - Math.expm1(-2 * bigB(t));
  }

  /** Forward times T − t_k, k = 0..N−1 (N points). */
  public static double[] forwardTimes(double eps, int points) {
    double[] f = new double[points];
    for (int k = 0; k < points; k++) f[k] = T - (T - eps) * k / (points - 1);
    return f;
  }

  /** The final variance and the accumulated relative error bound Σ_k (2 c u M_abs/|M| + 4u). */
  public record Result(double variance, double relativeErrorBound) {}

  /**
   * Runs scheme {@code name} for one eigenvalue from variance v0 on forward times ft.
   * c = β(1 − 1/λ) at a forward time; c_abs = β(1 + 1/λ).
   */
  public static Result run(String name, double lambda, double v0, double[] ft) {
    double v = v0, err = 0;
    final double c = 32 * EPS; // ≤ 16 rounded operations per multiplier in each of the two codes
    for (int k = 0; k + 1 < ft.length; k++) {
      double tk = ft[k], tk1 = ft[k + 1], dt = tk - tk1;
      double bk = beta(tk), lk = lambdaAt(lambda, tk);
      double m, mAbs, noise;
      switch (name) {
        case "em":
          m = 1 + dt * bk * (1 - 2 / lk);
          mAbs = 1 + dt * bk * (1 + 2 / lk);
          noise = 2 * dt * bk;
          break;
        case "ei": {
          double db = bigBDiff(tk, tk1);
          double g1 = Math.expm1(db), g2 = Math.expm1(2 * db) / 2;
          m = 1 + g1 * (1 - 2 / lk);
          mAbs = 1 + g1 * (1 + 2 / lk);
          noise = 2 * g2;
          break;
        }
        case "ddpm": {
          double bd = 2 * dt * bk;
          // v' = (1 − βD)^{-1} (1 − βD/λ)² v + βD: M² = (1 − βD/λ)²/(1 − βD)
          double s = 1 / Math.sqrt(1 - bd);
          m = s * (1 - bd / lk);
          mAbs = s * (1 + bd / lk) * (1 + bd / (1 - bd)); // 1 − βD cancels by βD/(1 − βD) relative
          noise = bd;
          break;
        }
        case "ode-euler":
          m = 1 + dt * cOf(lambda, tk);
          mAbs = 1 + dt * cAbs(lambda, tk);
          noise = 0;
          break;
        case "ode-heun": {
          double ck = cOf(lambda, tk), ck1 = cOf(lambda, tk1);
          double ak = cAbs(lambda, tk), ak1 = cAbs(lambda, tk1);
          m = 1 + dt / 2 * ck + dt / 2 * ck1 * (1 + dt * ck);
          mAbs = 1 + dt / 2 * ak + dt / 2 * ak1 * (1 + dt * ak);
          noise = 0;
          break;
        }
        case "ode-rk4": {
          double th = tk - dt / 2;
          double c1 = cOf(lambda, tk), ch = cOf(lambda, th), c4 = cOf(lambda, tk1);
          double a1 = cAbs(lambda, tk), ah = cAbs(lambda, th), a4 = cAbs(lambda, tk1);
          double C1 = c1, C2 = ch * (1 + dt * C1 / 2), C3 = ch * (1 + dt * C2 / 2), C4 = c4 * (1 + dt * C3);
          double A1 = a1, A2 = ah * (1 + dt * A1 / 2), A3 = ah * (1 + dt * A2 / 2), A4 = a4 * (1 + dt * A3);
          m = 1 + dt / 6 * (C1 + 2 * C2 + 2 * C3 + C4);
          mAbs = 1 + dt / 6 * (A1 + 2 * A2 + 2 * A3 + A4);
          noise = 0;
          break;
        }
        default:
          throw new IllegalArgumentException("no [PG24] update for " + name);
      }
      v = m * m * v + noise;
      err += 2 * c * mAbs / Math.abs(m) + 4 * EPS;
    }
    return new Result(v, err);
  }

  /** True when some DDPM step has β^D = 2Δβ_k ≥ 1. */
  static boolean ddpmBetaReachesOne(double[] ft) {
    for (int k = 0; k + 1 < ft.length; k++) if (2 * (ft[k] - ft[k + 1]) * beta(ft[k]) >= 1) return true;
    return false;
  }

  static double cOf(double lambda, double t) { return beta(t) * (1 - 1 / lambdaAt(lambda, t)); }

  static double cAbs(double lambda, double t) { return beta(t) * (1 + 1 / lambdaAt(lambda, t)); }

  /** Continuous-time variances from N(0, I) at forward time t (docs/claims.md §5.1). */
  static double sdeContinuous(double lambda, double t) {
    double lt = lambdaAt(lambda, t), lT = lambdaAt(lambda, T);
    double e = Math.exp(-2 * bigBDiff(T, t));
    return lt + e * lt * lt / lT * (1 / lT - 1);
  }

  static double odeContinuous(double lambda, double t) { return lambdaAt(lambda, t) / lambdaAt(lambda, T); }
}
