package io.playloop.jobs.models.algorithms.blend;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one parameter a two-model blend searches: the first component's weight (the second gets the
 * rest).
 */
public record BlendWeight(double weight) implements ModelParams {
  public BlendWeight {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("a blend weight must be between 0 and 1, got " + weight);
    }
  }

  /** Both components' weights: {@code weight} and 1 - {@code weight}. */
  public double[] weights() {
    return new double[] {weight, 1 - weight};
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("weight", weight);
    return m;
  }
}
