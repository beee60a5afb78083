package org.mixproof.oracle;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Scales a costly property's explicit tries by the thorough profile's factor: {@code -Pthorough} sets
 * {@code jqwik.tries.default} to 10000 (jqwik's own default is 1000), so the oracle properties run
 * ten times their normal tries there and stay inside the normal build's time budget otherwise. Put
 * {@code @AddLifecycleHook(ThoroughTries.class)} on the property method (a class-level hook does not
 * reach the methods without a propagation mode).
 */
public final class ThoroughTries implements AroundPropertyHook {

  static final int JQWIK_DEFAULT_TRIES = 1000;

  static int factor() {
    String v = System.getProperty("jqwik.tries.default");
    if (v == null) return 1;
    try {
      return Math.max(1, Integer.parseInt(v.strip()) / JQWIK_DEFAULT_TRIES);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    int f = factor();
    if (f > 1) context.attributes().tries().ifPresent(t -> context.attributes().setTries(t * f));
    return property.execute();
  }

  /** Outermost, so the tries are set before the property starts generating. */
  @Override
  public int aroundPropertyProximity() { return -100; }
}
