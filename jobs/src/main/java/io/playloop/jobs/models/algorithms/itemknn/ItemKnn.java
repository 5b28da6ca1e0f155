package io.playloop.jobs.models.algorithms.itemknn;

import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.models.linalg.TopKProduct;

/**
 * Item kNN with shrunk cosine similarity: W[i][j] = |users(i) & users(j)| / (sqrt(deg(i) deg(j)) +
 * shrink), the diagonal dropped and the k largest entries of each row kept.
 *
 * <p>Time O(sum over users of positives^2) plus O(entries touched x log k); memory O(items x k) (8
 * bytes an entry) plus one dense row accumulator per thread.
 */
public final class ItemKnn {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "itemknn";

  private ItemKnn() {}

  public static ItemNeighbourModel fit(Interactions positives, ItemKnnParams params) {
    return new ItemNeighbourModel(ALGORITHM, params, positives, similarities(positives, params));
  }

  /** W alone, item x item in the order of the positives' items. */
  public static CsrMatrix similarities(Interactions positives, ItemKnnParams params) {
    CsrMatrix r = positives.matrix();
    double[] norm = positives.itemDegrees();
    for (int j = 0; j < norm.length; j++) {
      norm[j] = Math.sqrt(norm[j]);
    }
    double shrink = params.shrink();
    return TopKProduct.rows(
        r.transpose(),
        r,
        params.neighbours(),
        true,
        (i, j, dot) -> dot / (norm[i] * norm[j] + shrink));
  }
}
