package io.playloop.jobs.models;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EASE (Steck 2019): a closed-form item-item ridge regression, B = I - P diag(1/diag(P)) with P =
 * (X'X + lambda I)^-1 and a zero diagonal. A user's scores are the sum of the rows of B for the
 * items they liked. Dense item x item, so only for catalogs of a few thousand items.
 */
public final class EaseModel implements Model {
  private static final long serialVersionUID = 1L;
  private final IdIndex items;
  private final float[] weights; // row-major: weights[from * n + to]
  private final UserHistory history;
  private final double lambda;

  EaseModel(IdIndex items, float[] weights, UserHistory history, double lambda) {
    this.items = items;
    this.weights = weights;
    this.history = history;
    this.lambda = lambda;
  }

  /** Fits EASE on the users' positives with L2 strength {@code lambda}. */
  public static EaseModel fit(UserHistory history, double lambda, int maxItems) {
    IdIndex index = itemsOf(history);
    int n = index.size();
    if (n > maxItems) {
      throw new IllegalArgumentException(
          "EASE needs a dense " + n + " x " + n + " matrix; the limit is " + maxItems + " items");
    }
    double[][] gram = new double[n][n];
    for (int u : history.users()) {
      int[] hist = history.items(u);
      int[] idx = new int[hist.length];
      for (int k = 0; k < hist.length; k++) {
        idx[k] = index.index(hist[k]);
      }
      for (int a : idx) {
        double[] row = gram[a];
        for (int b : idx) {
          row[b] += 1;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      gram[i][i] += lambda;
    }
    double[][] p = DenseLinearAlgebra.spdInverse(gram);
    float[] w = new float[n * n];
    for (int from = 0; from < n; from++) {
      for (int to = 0; to < n; to++) {
        w[from * n + to] = from == to ? 0f : (float) (-p[from][to] / p[to][to]);
      }
    }
    return new EaseModel(index, w, history, lambda);
  }

  static IdIndex itemsOf(UserHistory history) {
    return new IdIndex(
        history.users().stream()
            .flatMapToInt(u -> java.util.Arrays.stream(history.items(u)))
            .distinct()
            .toArray());
  }

  @Override
  public String algorithm() {
    return "ease";
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lambda", lambda);
    return p;
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

  IdIndex index() {
    return items;
  }

  float[] weights() {
    return weights;
  }

  UserHistory history() {
    return history;
  }
}
