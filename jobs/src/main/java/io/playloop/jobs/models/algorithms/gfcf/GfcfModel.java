package io.playloop.jobs.models.algorithms.gfcf;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.evaluation.BlockScoring;
import io.playloop.jobs.models.linalg.CatalogScores;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.DenseProduct;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.models.linalg.RandomizedSvd;
import io.playloop.jobs.models.linalg.TopKProduct;
import java.util.Map;

/**
 * A GF-CF-style linear filter (Shen et al. 2021). With R~ = D_u^-1/2 R D_i^-e (e = 1/2 is the
 * paper's symmetric normalisation), a user's scores are r_u (R~'R~ + alpha D_i^-e V V' D_i^e),
 * where V holds the top singular vectors of R~ (the ideal low-pass filter). R~'R~ is kept sparse,
 * its k largest entries per row.
 *
 * <p>Fit: O(sum over users of positives^2) for the item-item term, plus the randomized SVD's O(z l
 * + (users + items) l^2) per pass (l = rank + 16, 6 passes). Memory: 8 bytes per kept item-item
 * entry plus 4 x items x rank bytes for V (200,000 items, rank 256: 205 MB). Scoring one user:
 * O(positives x (k + rank) + items x rank).
 */
public final class GfcfModel implements Model, BlockScoring {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "gfcf";

  /** Power iterations of the randomized SVD: two give the top vectors to a few digits. */
  static final int POWER_ITERATIONS = 2;

  /** Fewer requested ids than items / FEW are scored one by one, not as a whole catalog. */
  static final int FEW = 8;

  private static final long serialVersionUID = 1L;
  private final GfcfParams params;
  private final Interactions positives;
  private final CsrMatrix itemFilter;
  private final int rank;
  // The low-pass vectors item by item (items x rank, row j is item j's coordinates): a user's
  // coordinates and a few items' scores read rank contiguous floats of one item, and a block of
  // users is one sgemm against the transpose.
  private final float[] lowPass;
  private final float[] inScale; // positives^-e per item
  private final float[] outScale; // positives^e per item
  private final int[] itemIds;

  GfcfModel(
      GfcfParams params, Interactions positives, CsrMatrix itemFilter, int rank, float[] lowPass) {
    int n = positives.items().size();
    if (itemFilter.rows() != n || itemFilter.cols() != n || lowPass.length != (long) rank * n) {
      throw new IllegalArgumentException("filter shapes do not match " + n + " items");
    }
    this.params = params;
    this.positives = positives;
    this.itemFilter = itemFilter;
    this.rank = rank;
    this.lowPass = lowPass;
    double[] degree = positives.itemDegrees();
    this.inScale = new float[n];
    this.outScale = new float[n];
    for (int j = 0; j < n; j++) {
      double d = Math.max(1, degree[j]);
      inScale[j] = (float) Math.pow(d, -params.itemExponent());
      outScale[j] = (float) Math.pow(d, params.itemExponent());
    }
    this.itemIds = positives.items().ids();
  }

  /** Fits the filter on {@code positives}; the SVD's sketch is drawn from {@code seed}. */
  public static GfcfModel fit(Interactions positives, GfcfParams params, long seed) {
    CsrMatrix r = positives.matrix();
    double[] userScale = r.rowSums();
    for (int u = 0; u < userScale.length; u++) {
      userScale[u] = userScale[u] > 0 ? 1 / Math.sqrt(userScale[u]) : 0;
    }
    double[] itemScale = positives.itemDegrees();
    for (int j = 0; j < itemScale.length; j++) {
      itemScale[j] = itemScale[j] > 0 ? Math.pow(itemScale[j], -params.itemExponent()) : 0;
    }
    CsrMatrix normalised = r.scaled(userScale, itemScale);
    CsrMatrix transposed = normalised.transpose();
    CsrMatrix itemFilter =
        TopKProduct.rows(transposed, normalised, params.neighbours(), true, (i, j, dot) -> dot);
    if (params.rank() == 0 || params.alpha() == 0) {
      return new GfcfModel(params, positives, itemFilter, 0, new float[0]);
    }
    RandomizedSvd.Result svd =
        RandomizedSvd.rightVectors(normalised, transposed, params.rank(), POWER_ITERATIONS, seed);
    return new GfcfModel(
        params,
        positives,
        itemFilter,
        svd.rank(),
        byItem(svd.vectorsByComponent(), svd.rank(), positives.items().size()));
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public Map<String, Object> params() {
    return params.toJson();
  }

  @Override
  public float[] score(int user, int[] ids) {
    int n = itemIds.length;
    float[] dense = new float[n];
    int[] liked = positives.itemsOf(user);
    for (int i : liked) {
      itemFilter.addRowTo(i, 1f, dense);
    }
    boolean lowPassed = rank > 0 && liked.length > 0;
    float alpha = (float) params.alpha();
    if (lowPassed && ids.length < n / FEW) {
      // A few ids (the sampled protocol's 51): the low-pass term of those items only.
      float[] z = coordinates(liked);
      float[] out = new float[ids.length];
      for (int k = 0; k < ids.length; k++) {
        int j = positives.items().index(ids[k]);
        out[k] = j < 0 ? Float.NEGATIVE_INFINITY : dense[j] + alpha * outScale[j] * lowPassOf(z, j);
      }
      return out;
    }
    if (lowPassed) {
      float[] low = new float[n];
      DenseProduct.shared().timesTransposed(coordinates(liked), 1, rank, lowPass, n, low);
      for (int j = 0; j < n; j++) {
        dense[j] += alpha * outScale[j] * low[j];
      }
    }
    return CatalogScores.pick(dense, positives.items(), itemIds, ids);
  }

  /**
   * Every item for a block of users: the low-pass term as one (users x rank) by (rank x items)
   * product through BLAS, scaled per item, then the item-item rows added user by user.
   */
  @Override
  public void scoreBlock(int[] userIds, float[] out) {
    int n = itemIds.length;
    int b = userIds.length;
    int[][] liked = new int[b][];
    float[] z = new float[b * rank];
    for (int r = 0; r < b; r++) {
      liked[r] = positives.itemsOf(userIds[r]);
      if (rank > 0 && liked[r].length > 0) {
        System.arraycopy(coordinates(liked[r]), 0, z, r * rank, rank);
      }
    }
    if (rank > 0) {
      DenseProduct.shared().timesTransposed(z, b, rank, lowPass, n, out);
      float alpha = (float) params.alpha();
      for (int r = 0; r < b; r++) {
        int base = r * n;
        for (int j = 0; j < n; j++) {
          out[base + j] *= alpha * outScale[j];
        }
      }
    } else {
      java.util.Arrays.fill(out, 0, b * n, 0f);
    }
    for (int r = 0; r < b; r++) {
      for (int i : liked[r]) {
        itemFilter.addRowTo(i, 1f, out, r * n);
      }
    }
  }

  /** The user's coordinates on the low-pass vectors: r_u D_i^-e V, rank floats. */
  private float[] coordinates(int[] liked) {
    float[] z = new float[rank];
    for (int i : liked) {
      float w = inScale[i];
      int base = i * rank;
      for (int c = 0; c < rank; c++) {
        z[c] += w * lowPass[base + c];
      }
    }
    return z;
  }

  /** Item j's low-pass score for coordinates z: z . V_j. */
  private float lowPassOf(float[] z, int j) {
    int base = j * rank;
    float low = 0;
    for (int c = 0; c < rank; c++) {
      low += z[c] * lowPass[base + c];
    }
    return low;
  }

  /** Row-major rank x items (a vector per row) as items x rank. */
  static float[] byItem(float[] byComponent, int rank, int n) {
    float[] v = new float[n * rank];
    for (int c = 0; c < rank; c++) {
      for (int j = 0; j < n; j++) {
        v[j * rank + c] = byComponent[c * n + j];
      }
    }
    return v;
  }

  @Override
  public int[] items() {
    return itemIds.clone();
  }

  Interactions positives() {
    return positives;
  }

  CsrMatrix itemFilter() {
    return itemFilter;
  }

  int rank() {
    return rank;
  }

  /** The low-pass vectors, items x rank. */
  float[] lowPass() {
    return lowPass;
  }
}
