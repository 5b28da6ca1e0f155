package io.playloop.jobs.models.algorithms.neighbours;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.evaluation.BlockScoring;
import io.playloop.jobs.models.evaluation.ReachedScores;
import io.playloop.jobs.models.evaluation.SparseScoring;
import io.playloop.jobs.models.linalg.CatalogScores;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.Map;

/**
 * A sparse item-item model (RP3beta, item kNN): a user's score for item j is the sum, over the
 * items i they liked, of w_ui W[i][j], where W keeps at most k neighbours per item and w_ui is the
 * positive's weight in the user's profile (1, or its recency weight: {@link
 * io.playloop.jobs.models.ProfileRecency}). Items no liked item leads to score below every item one
 * does, ordered by how many users liked them: a list runs on with popular items where the
 * neighbours end, instead of with arbitrary ones tied at zero. Scoring one user costs O(positives x
 * k + items); memory is 8 bytes per neighbour (200,000 items x 100 neighbours = 160 MB) plus the
 * positives it scores from.
 */
public final class ItemNeighbourModel implements Model, BlockScoring, SparseScoring {
  private static final long serialVersionUID = 1L;
  private final String algorithm;
  private final ModelParams params;
  private final Interactions positives;
  private final CsrMatrix weights;
  private final int[] itemIds;
  private final double profileHalfLifeDays;
  // The score of each item no liked item leads to: in [-1, 0), higher for more liked items.
  private final float[] unconnected;
  // Per-thread sums for scoring a few ids without a pass over every item; made on first use.
  private transient volatile ThreadLocal<ReachedScores> scratch;

  /** A model whose positives weigh alike. */
  public ItemNeighbourModel(
      String algorithm, ModelParams params, Interactions positives, CsrMatrix weights) {
    this(algorithm, params, positives, weights, 0);
  }

  /**
   * @param positives the profile: each user's positives with their weights as the matrix's values
   * @param weights item x item, rows and columns in the order of {@code positives.items()}
   * @param profileHalfLifeDays the half-life the profile's weights were made with (0: none)
   */
  public ItemNeighbourModel(
      String algorithm,
      ModelParams params,
      Interactions positives,
      CsrMatrix weights,
      double profileHalfLifeDays) {
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
    this.profileHalfLifeDays = profileHalfLifeDays;
    this.unconnected = unconnectedScores(positives);
  }

  private static float[] unconnectedScores(Interactions positives) {
    CsrMatrix m = positives.matrix();
    int[] likes = new int[positives.items().size()];
    for (int p = 0; p < m.nonZeros(); p++) {
      likes[m.index(p)]++;
    }
    int most = 0;
    for (int c : likes) {
      most = Math.max(most, c);
    }
    float[] scores = new float[likes.length];
    for (int j = 0; j < likes.length; j++) {
      scores[j] = -1f + (float) likes[j] / (most + 1);
    }
    return scores;
  }

  /** The same neighbours, scoring each user from their positives weighed by {@code profile}. */
  public ItemNeighbourModel withProfile(io.playloop.jobs.models.ProfileWeights profile) {
    if (profile == null || !profile.recency().enabled()) {
      return this;
    }
    return new ItemNeighbourModel(
        algorithm, params, profile.weigh(positives), weights, profile.recency().halfLifeDays());
  }

  /**
   * The same neighbours and half-life, scoring each user from {@code profile} instead: weighted
   * positives over this model's items, in the same order.
   */
  public ItemNeighbourModel withPositives(Interactions profile) {
    if (!java.util.Arrays.equals(profile.items().ids(), itemIds)) {
      throw new IllegalArgumentException("a profile must be over the model's own items");
    }
    return new ItemNeighbourModel(algorithm, params, profile, weights, profileHalfLifeDays);
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> json = params.toJson();
    if (profileHalfLifeDays > 0) {
      json = new java.util.LinkedHashMap<>(json);
      json.put(PROFILE_HALF_LIFE, profileHalfLifeDays);
    }
    return json;
  }

  /** The params key of the profile's half-life in days, absent when positives weigh alike. */
  public static final String PROFILE_HALF_LIFE = "profile_half_life_days";

  /** The half-life of the profile's weights in days; 0 when positives weigh alike. */
  public double profileHalfLifeDays() {
    return profileHalfLifeDays;
  }

  /** The typed parameters it was fitted with. */
  public ModelParams typedParams() {
    return params;
  }

  @Override
  public float[] score(int user, int[] ids) {
    if (ids.length * FEW_IDS_PER_ITEM < itemIds.length) {
      return scoreFew(user, ids);
    }
    float[] dense = new float[itemIds.length];
    scoreInto(user, dense, 0);
    return CatalogScores.pick(dense, positives.items(), itemIds, ids);
  }

  /**
   * Requests of fewer than one id per this many items (a user's candidates, a positive and its
   * negatives) are scored from the reached items alone; larger ones through a dense pass.
   */
  static final int FEW_IDS_PER_ITEM = 8;

  private float[] scoreFew(int user, int[] ids) {
    ReachedScores reach = reached(user);
    try {
      float[] out = new float[ids.length];
      for (int k = 0; k < ids.length; k++) {
        int j = positives.items().index(ids[k]);
        out[k] = j < 0 ? Float.NEGATIVE_INFINITY : reach.scoreOr(j, unconnected[j]);
      }
      return out;
    } finally {
      reach.clear();
    }
  }

  /** The thread's scratch holding the user's reached sums; the caller clears it. */
  private ReachedScores reached(int user) {
    ReachedScores reach = scratch();
    reach(user, reach);
    return reach;
  }

  private ReachedScores scratch() {
    ThreadLocal<ReachedScores> local = scratch;
    if (local == null) {
      synchronized (this) {
        if (scratch == null) {
          int n = itemIds.length;
          scratch = ThreadLocal.withInitial(() -> new ReachedScores(n));
        }
        local = scratch;
      }
    }
    return local.get();
  }

  @Override
  public float[] baseScores() {
    return unconnected.clone();
  }

  @Override
  public void reach(int user, ReachedScores reach) {
    int r = positives.users().index(user);
    if (r < 0) {
      return;
    }
    CsrMatrix profile = positives.matrix();
    for (int p = profile.start(r); p < profile.end(r); p++) {
      int i = profile.index(p);
      float scale = profile.value(p);
      for (int q = weights.start(i); q < weights.end(i); q++) {
        reach.add(weights.index(q), scale * weights.value(q));
      }
    }
  }

  /** Evaluation ranks whole catalogs: straight into its buffer, no copy into catalog order. */
  @Override
  public void scoreBlock(int[] users, float[] out) {
    for (int b = 0; b < users.length; b++) {
      scoreInto(users[b], out, b * itemIds.length);
    }
  }

  /** Writes the user's score of every item to {@code out[offset ...]}. */
  private void scoreInto(int user, float[] out, int offset) {
    System.arraycopy(unconnected, 0, out, offset, unconnected.length);
    ReachedScores reach = reached(user);
    try {
      for (int k = 0; k < reach.count(); k++) {
        int j = reach.position(k);
        out[offset + j] = reach.scoreOr(j, unconnected[j]);
      }
    } finally {
      reach.clear();
    }
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
