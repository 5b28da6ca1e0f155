package io.playloop.jobs.models.algorithms.rp3beta;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RP3beta's hyperparameters.
 *
 * @param neighbours how many neighbours each item keeps (k)
 * @param alpha exponent on the random walk's transition probabilities (1 = plain P3)
 * @param beta popularity damping: a neighbour's weight is divided by its positives^beta
 */
public record Rp3betaParams(int neighbours, double alpha, double beta) implements ModelParams {
  public Rp3betaParams {
    if (neighbours < 1) {
      throw new IllegalArgumentException(
          "RP3beta neighbours must be at least 1, got " + neighbours);
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("RP3beta alpha must be positive and finite, got " + alpha);
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("RP3beta beta must be >= 0 and finite, got " + beta);
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("neighbours", neighbours);
    m.put("alpha", alpha);
    m.put("beta", beta);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static Rp3betaParams fromJson(Map<String, Object> json) {
    return new Rp3betaParams(
        ModelParams.integer(json, "neighbours"),
        ModelParams.number(json, "alpha"),
        ModelParams.number(json, "beta"));
  }
}
