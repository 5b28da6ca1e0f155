package io.playloop.jobs.models.algorithms.itemknn;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Item kNN's hyperparameters.
 *
 * @param neighbours how many neighbours each item keeps (k)
 * @param shrink added to the cosine's denominator: pairs seen together by few users count less
 */
public record ItemKnnParams(int neighbours, double shrink) implements ModelParams {
  public ItemKnnParams {
    if (neighbours < 1) {
      throw new IllegalArgumentException(
          "item kNN neighbours must be at least 1, got " + neighbours);
    }
    if (!(shrink >= 0) || Double.isInfinite(shrink)) {
      throw new IllegalArgumentException("item kNN shrink must be >= 0 and finite, got " + shrink);
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("neighbours", neighbours);
    m.put("shrink", shrink);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static ItemKnnParams fromJson(Map<String, Object> json) {
    return new ItemKnnParams(
        ModelParams.integer(json, "neighbours"), ModelParams.number(json, "shrink"));
  }
}
