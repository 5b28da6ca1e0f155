package io.playloop.jobs.models.algorithms.neighbours;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.linalg.CatalogScores;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.Map;

/**
 * A sparse item-item model (RP3beta, item kNN): a user's score for item j is the sum, over the
 * items i they liked, of W[i][j], where W keeps at most k neighbours per item. Scoring one user
 * costs O(positives x k + items); memory is 8 bytes per neighbour (200,000 items x 100 neighbours =
 * 160 MB) plus the positives it scores from.
 */
public final class ItemNeighbourModel implements Model {
  private static final long serialVersionUID = 1L;
  private final String algorithm;
  private final ModelParams params;
  private final Interactions positives;
  private final CsrMatrix weights;
  private final int[] itemIds;

  /**
   * @param weights item x item, rows and columns in the order of {@code positives.items()}
   */
  public ItemNeighbourModel(
      String algorithm, ModelParams params, Interactions positives, CsrMatrix weights) {
    int n = positives.items().size();
    if (weights.rows() != n || weights.cols() != n) {
      throw new IllegalArgumentException(
          "item weights of " + weights.rows() + "x" + weights.cols() + " for " + n + " items");
    }
    this.algorithm = algorithm;
    this.params = params;
    this.positives = positives;
    this.weights = weights;
    this.itemIds = positives.items().ids();
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  @Override
  public Map<String, Object> params() {
    return params.toJson();
  }

  /** The typed parameters it was fitted with. */
  public ModelParams typedParams() {
    return params;
  }

  @Override
  public float[] score(int user, int[] ids) {
    float[] dense = new float[itemIds.length];
    for (int i : positives.itemsOf(user)) {
      weights.addRowTo(i, 1f, dense);
    }
    return CatalogScores.pick(dense, positives.items(), itemIds, ids);
  }

  @Override
  public int[] items() {
    return itemIds.clone();
  }

  /** The positives it scores from. */
  public Interactions positives() {
    return positives;
  }

  /** The neighbour weights, item x item in the order of the positives' items. */
  public CsrMatrix weights() {
    return weights;
  }
}
