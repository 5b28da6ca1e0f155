package io.playloop.jobs.generate;

import java.util.Arrays;

/**
 * The best k of n scored items, in order: highest score first, ties by lower id. Sorts primitive
 * scores to find the k-th best, then orders only the k winners (the per-user hot path).
 */
final class TopK {
  private TopK() {}

  /** Indices into {@code score}/{@code id} of the best {@code k} of the first {@code n}. */
  static int[] of(double[] score, int[] id, int n, int k) {
    k = Math.min(k, n);
    if (k == 0) {
      return new int[0];
    }
    double[] sorted = Arrays.copyOf(score, n);
    Arrays.sort(sorted);
    double threshold = sorted[n - k];
    int[] top = new int[k];
    int filled = 0;
    int ties = 0;
    for (int i = 0; i < n; i++) {
      if (score[i] > threshold) {
        top[filled++] = i;
      } else if (score[i] == threshold) {
        ties++;
      }
    }
    // Items tied at the threshold: the lowest ids get the remaining places.
    long[] tied = new long[ties];
    int t = 0;
    for (int i = 0; i < n; i++) {
      if (score[i] == threshold) {
        tied[t++] = ((long) id[i] << 32) | i;
      }
    }
    Arrays.sort(tied);
    for (int j = 0; filled < k; j++) {
      top[filled++] = (int) tied[j];
    }
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = top[i];
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(score[b], score[a]);
          return c != 0 ? c : Integer.compare(id[a], id[b]);
        });
    for (int i = 0; i < k; i++) {
      top[i] = order[i];
    }
    return top;
  }
}
