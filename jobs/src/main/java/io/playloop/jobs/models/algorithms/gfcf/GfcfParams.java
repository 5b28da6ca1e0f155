package io.playloop.jobs.models.algorithms.gfcf;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The linear filter's hyperparameters.
 *
 * @param rank singular vectors in the ideal low-pass term (0 leaves only the item-item filter)
 * @param alpha weight of the low-pass term against the normalised item-item term
 * @param itemExponent items are normalised by positives^-itemExponent (0.5 is the symmetric norm)
 * @param neighbours entries kept per row of the normalised item-item matrix
 */
public record GfcfParams(int rank, double alpha, double itemExponent, int neighbours)
    implements ModelParams {
  public GfcfParams {
    if (rank < 0) {
      throw new IllegalArgumentException("GF-CF rank must be >= 0, got " + rank);
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("GF-CF alpha must be >= 0 and finite, got " + alpha);
    }
    if (!(itemExponent >= 0 && itemExponent <= 1)) {
      throw new IllegalArgumentException(
          "GF-CF item exponent must be between 0 and 1, got " + itemExponent);
    }
    if (neighbours < 1) {
      throw new IllegalArgumentException("GF-CF neighbours must be at least 1, got " + neighbours);
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", rank);
    m.put("alpha", alpha);
    m.put("item_exponent", itemExponent);
    m.put("neighbours", neighbours);
    return m;
  }

  /** Reads what {@link #toJson()} wrote. */
  public static GfcfParams fromJson(Map<String, Object> json) {
    return new GfcfParams(
        ModelParams.integer(json, "rank"),
        ModelParams.number(json, "alpha"),
        ModelParams.number(json, "item_exponent"),
        ModelParams.integer(json, "neighbours"));
  }
}
