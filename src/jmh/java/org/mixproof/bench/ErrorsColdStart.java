package org.mixproof.bench;

import java.util.List;
import org.mixproof.law.ErrorTable;
import org.mixproof.law.GaussianLaw;
import org.mixproof.mixture.Spectrum;
import org.mixproof.sampler.Schemes;
import org.mixproof.sampler.StartLaw;
import org.mixproof.schedule.Schedules;

/**
 * The [PG24] Table 5 grid in a fresh JVM with no command line around it: the spectrum read and the
 * table computed by a bare {@code main}, no picocli, no JSON. Its wall time (time the process) is the
 * floor a whole-process {@code mixproof errors} run cannot go below on the same JVM: start-up and the
 * cold cost of the computation itself (interpreter, JIT). It prints the two phases' milliseconds.
 *
 * <pre>/usr/bin/time -f %e java -cp target/benchmarks.jar org.mixproof.bench.ErrorsColdStart</pre>
 */
public final class ErrorsColdStart {

  private ErrorsColdStart() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    Spectrum sp = Spectrum.read(Spectrum.CIFAR10);
    long t1 = System.nanoTime();
    ErrorTable.Config c = new ErrorTable.Config(Schedules.parse("vp-linear:0.1,20"), 1.0,
        Schemes.parseList("em,ei,ddpm,ode-euler,ode-heun,ode-rk4"), List.of(50, 250, 500, 1000),
        ErrorTable.Budget.NFE, List.of(0.0, 1e-5, 1e-4, 1e-3), List.of(StartLaw.PRIOR, StartLaw.EXACT), 0,
        ErrorTable.GridKind.UNIFORM);
    List<ErrorTable.Row> rows = ErrorTable.gaussian(GaussianLaw.ofSpectrum(sp), c);
    long t2 = System.nanoTime();
    System.out.printf("rows %d, spectrum %d ms, table %d ms%n", rows.size(), (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
  }
}
