package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EASE's one hyperparameter.
 *
 * @param lambda L2 strength added to the Gram matrix's diagonal
 */
public record EaseParams(double lambda) implements ModelParams {
  public EaseParams {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("EASE lambda must be positive and finite, got " + lambda);
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lambda", lambda);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static EaseParams fromJson(Map<String, Object> json) {
    return new EaseParams(ModelParams.number(json, "lambda"));
  }
}
