package org.mixproof.density;

/** log p_t, posterior weights, score and Hessian at one point x. */
public record PointEvaluation(double[] x, double logDensity, double[] weights, double[] score, double[][] hessian) {}
