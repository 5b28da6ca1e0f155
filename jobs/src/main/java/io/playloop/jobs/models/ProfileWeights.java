package io.playloop.jobs.models;

import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.HashMap;
import java.util.Map;

/**
 * Each train positive's weight in its user's profile (see {@link ProfileRecency}); positives it
 * does not know weigh {@code otherwise}. Item models keep their similarities from the unweighted
 * positives and score a user from the weighted ones.
 */
public final class ProfileWeights {
  private final Map<Long, Float> weights;
  private final float otherwise;
  private final ProfileRecency recency;

  public ProfileWeights(Map<Long, Float> weights, float otherwise, ProfileRecency recency) {
    this.weights = new HashMap<>(weights);
    this.otherwise = otherwise;
    this.recency = recency;
  }

  public static long key(int user, int item) {
    return ((long) user << 32) | (item & 0xffffffffL);
  }

  public float weight(int user, int item) {
    return weights.getOrDefault(key(user, item), otherwise);
  }

  public ProfileRecency recency() {
    return recency;
  }

  /** {@code positives} with each entry's value set to its weight (same rows, columns and ids). */
  public Interactions weigh(Interactions positives) {
    CsrMatrix m = positives.matrix();
    int[] starts = new int[m.rows() + 1];
    int[] indices = new int[m.nonZeros()];
    float[] values = new float[m.nonZeros()];
    for (int r = 0; r < m.rows(); r++) {
      int user = positives.users().id(r);
      starts[r + 1] = m.end(r);
      for (int p = m.start(r); p < m.end(r); p++) {
        indices[p] = m.index(p);
        values[p] = weight(user, positives.items().id(m.index(p)));
      }
    }
    return new Interactions(
        positives.users(),
        positives.items(),
        new CsrMatrix(m.rows(), m.cols(), starts, indices, values));
  }
}
