package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import java.util.Arrays;
import java.util.Map;

/**
 * EASE (Steck 2019): a closed-form item-item ridge regression, B = I - P diag(1/diag(P)) with P =
 * (X'X + lambda I)^-1 and a zero diagonal. A user's scores are the sum of the rows of B for the
 * items they liked. Dense item x item, so only for catalogs of a few thousand items.
 */
public final class EaseModel implements Model {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "ease";

  private static final long serialVersionUID = 1L;
  private final IdIndex items;
  private final float[] weights; // row-major: weights[from * n + to]
  private final UserHistory history;
  private final EaseParams params;

  EaseModel(IdIndex items, float[] weights, UserHistory history, EaseParams params) {
    this.items = items;
    this.weights = weights;
    this.history = history;
    this.params = params;
  }

  /** Fits EASE on the users' positives with L2 strength {@code params.lambda()}. */
  public static EaseModel fit(UserHistory history, EaseParams params, int maxItems) {
    double lambda = params.lambda();
    IdIndex index = itemsOf(history);
    int n = index.size();
    if (n > maxItems) {
      throw new IllegalArgumentException(
          "EASE needs a dense " + n + " x " + n + " matrix; the limit is " + maxItems + " items");
    }
    // The Gram matrix as one array of rows, inverted in place: 8 n^2 bytes plus the 4 n^2 of
    // the weights at the peak.
    double[] p = new double[n * n];
    for (int u : history.users()) {
      int[] hist = history.items(u);
      int[] idx = new int[hist.length];
      for (int k = 0; k < hist.length; k++) {
        idx[k] = index.index(hist[k]);
      }
      for (int a : idx) {
        int row = a * n;
        for (int b : idx) {
          p[row + b] += 1;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      p[i * n + i] += lambda;
    }
    DenseLinearAlgebra.spdInverseInPlace(p, n);
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = p[i * n + i];
    }
    float[] w = new float[n * n]; // written row by row
    for (int from = 0; from < n; from++) {
      for (int to = 0; to < n; to++) {
        w[from * n + to] =
            from == to
                ? 0f
                : (float) (-DenseLinearAlgebra.symmetric(p, n, from, to) / diagonal[to]);
      }
    }
    return new EaseModel(index, w, history, params);
  }

  static IdIndex itemsOf(UserHistory history) {
    return new IdIndex(
        history.users().stream()
            .flatMapToInt(u -> Arrays.stream(history.items(u)))
            .distinct()
            .toArray());
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
    int n = items.size();
    int[] hist = history.items(user);
    float[] out = new float[ids.length];
    int[] cols = new int[ids.length];
    for (int k = 0; k < ids.length; k++) {
      cols[k] = items.index(ids[k]);
    }
    for (int h : hist) {
      int from = items.index(h);
      if (from < 0) {
        continue;
      }
      int base = from * n;
      for (int k = 0; k < ids.length; k++) {
        if (cols[k] >= 0) {
          out[k] += weights[base + cols[k]];
        }
      }
    }
    for (int k = 0; k < ids.length; k++) {
      if (cols[k] < 0) {
        out[k] = Float.NEGATIVE_INFINITY;
      }
    }
    return out;
  }

  @Override
  public int[] items() {
    return items.ids();
  }

  /** The weight matrix as one row of n weights per item. */
  IdVectors weightRows() {
    return new IdVectors(items, weights, items.size());
  }

  UserHistory history() {
    return history;
  }
}
