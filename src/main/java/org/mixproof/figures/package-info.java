/**
 * The figures of the report, computed (seeded, deterministic) and not drawn: the one figure model
 * ({@link org.mixproof.figures.Figure} of {@link org.mixproof.figures.Series}) that report/ renders, and the
 * computations behind it — {@link org.mixproof.figures.ReportFigures} (which figure illustrates which claim),
 * {@link org.mixproof.figures.SmoothnessFigures} (§3–4), {@link org.mixproof.figures.OracleFigures} (§6),
 * {@link org.mixproof.figures.SolverFigures} (§5, incl. the guarantee sweeps). May import claim and its
 * subpackages, generators, law, sampler, smoothness, oracle, density, schedule, mixture, rounding; never report or
 * cli.
 */
package org.mixproof.figures;
