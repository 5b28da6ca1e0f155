package io.playloop.jobs.models.algorithms.als;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Implicit ALS's hyperparameters.
 *
 * @param rank length of the user and item factors
 * @param reg L2 regularization
 * @param alpha confidence growth: a rating r weighs 1 + alpha |r|
 * @param iterations alternating least-squares sweeps
 * @param negativeWeight the rating of an explicit negative is -negativeWeight; 0 leaves them out
 */
public record AlsParams(int rank, double reg, double alpha, int iterations, double negativeWeight)
    implements ModelParams {
  public AlsParams {
    if (rank < 1) {
      throw new IllegalArgumentException("ALS rank must be at least 1, got " + rank);
    }
    if (!(reg >= 0)) {
      throw new IllegalArgumentException("ALS reg must not be negative, got " + reg);
    }
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("ALS alpha must not be negative, got " + alpha);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("ALS iterations must be at least 1, got " + iterations);
    }
    if (!(negativeWeight >= 0)) {
      throw new IllegalArgumentException(
          "ALS negative_weight must not be negative, got " + negativeWeight);
    }
  }

  /** The same cell with another number of iterations. */
  public AlsParams withIterations(int newIterations) {
    return new AlsParams(rank, reg, alpha, newIterations, negativeWeight);
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", rank);
    m.put("reg", reg);
    m.put("alpha", alpha);
    m.put("iterations", iterations);
    m.put("negative_weight", negativeWeight);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static AlsParams fromJson(Map<String, Object> json) {
    return new AlsParams(
        ModelParams.integer(json, "rank"),
        ModelParams.number(json, "reg"),
        ModelParams.number(json, "alpha"),
        ModelParams.integer(json, "iterations"),
        ModelParams.number(json, "negative_weight"));
  }
}
