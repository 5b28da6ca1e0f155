package io.playloop.jobs.models.linalg;

import java.util.stream.IntStream;

/**
 * The k largest entries of each row of a sparse product A·B (item x user times user x item), after
 * a per-entry {@link Weighting}, without ever holding a dense row of the product for more than one
 * row per thread.
 *
 * <p>Time O(sum over the shared dimension of deg_A(u) x deg_B(u)), i.e. O(sum over users of their
 * positives squared) for item-item products, plus O(touched x log k) for the selection; memory
 * O(rows x k) for the result and one dense accumulator of B's columns per thread. Rows are spread
 * over the common fork-join pool.
 */
public final class TopKProduct {
  /** The final value of entry (row, col) from the raw dot product; NaN drops the entry. */
  @FunctionalInterface
  public interface Weighting {
    double weight(int row, int col, double dot);
  }

  private TopKProduct() {}

  /**
   * Rows of A·B, each keeping its {@code k} largest positive weighted entries (ties: smaller column
   * first), the diagonal left out when {@code skipDiagonal}; columns of a row come out ascending.
   */
  public static CsrMatrix rows(
      CsrMatrix a, CsrMatrix b, int k, boolean skipDiagonal, Weighting weighting) {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException(
          "cannot multiply " + a.rows() + "x" + a.cols() + " by " + b.rows() + "x" + b.cols());
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    int n = a.rows();
    int[][] cols = new int[n][];
    float[][] vals = new float[n][];
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(b.cols(), k));
    IntStream.range(0, n)
        .parallel()
        .forEach(
            r -> {
              Scratch s = scratch.get();
              s.row(a, b, r, skipDiagonal, weighting);
              cols[r] = s.topColumns();
              vals[r] = s.topValues(cols[r]);
            });
    return CsrMatrix.ofRows(b.cols(), cols, vals);
  }

  /** One thread's dense accumulator, touched list and top-k heap. */
  private static final class Scratch {
    private final double[] acc;
    private final boolean[] seen;
    private final int[] touched;
    private int touchedCount;
    private final int k;
    private final int[] heapCols;
    private final double[] heapVals;
    private int heapSize;
    private final double[] weighted;

    Scratch(int width, int k) {
      this.acc = new double[width];
      this.seen = new boolean[width];
      this.touched = new int[width];
      this.weighted = new double[width];
      this.k = k;
      this.heapCols = new int[k];
      this.heapVals = new double[k];
    }

    void row(CsrMatrix a, CsrMatrix b, int r, boolean skipDiagonal, Weighting weighting) {
      touchedCount = 0;
      for (int p = a.start(r); p < a.end(r); p++) {
        int u = a.index(p);
        double av = a.value(p);
        for (int q = b.start(u); q < b.end(u); q++) {
          int c = b.index(q);
          if (!seen[c]) {
            seen[c] = true;
            touched[touchedCount++] = c;
          }
          acc[c] += av * b.value(q);
        }
      }
      heapSize = 0;
      for (int t = 0; t < touchedCount; t++) {
        int c = touched[t];
        double dot = acc[c];
        acc[c] = 0;
        seen[c] = false;
        if (skipDiagonal && c == r) {
          continue;
        }
        double w = weighting.weight(r, c, dot);
        if (!(w > 0)) {
          continue;
        }
        offer(c, w);
      }
    }

    /** Keeps the k best in a min-heap whose root is the worst kept (smaller value, larger col). */
    private void offer(int c, double w) {
      if (heapSize < k) {
        int i = heapSize++;
        heapCols[i] = c;
        heapVals[i] = w;
        up(i);
      } else if (worse(heapVals[0], heapCols[0], w, c)) {
        heapCols[0] = c;
        heapVals[0] = w;
        down(0);
      }
    }

    /** Whether (v1, c1) ranks below (v2, c2). */
    private static boolean worse(double v1, int c1, double v2, int c2) {
      return v1 < v2 || (v1 == v2 && c1 > c2);
    }

    private void up(int i) {
      while (i > 0) {
        int parent = (i - 1) / 2;
        if (!worse(heapVals[i], heapCols[i], heapVals[parent], heapCols[parent])) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void down(int i) {
      while (true) {
        int l = 2 * i + 1;
        int worst = i;
        if (l < heapSize && worse(heapVals[l], heapCols[l], heapVals[worst], heapCols[worst])) {
          worst = l;
        }
        if (l + 1 < heapSize
            && worse(heapVals[l + 1], heapCols[l + 1], heapVals[worst], heapCols[worst])) {
          worst = l + 1;
        }
        if (worst == i) {
          return;
        }
        swap(i, worst);
        i = worst;
      }
    }

    private void swap(int i, int j) {
      int c = heapCols[i];
      heapCols[i] = heapCols[j];
      heapCols[j] = c;
      double v = heapVals[i];
      heapVals[i] = heapVals[j];
      heapVals[j] = v;
    }

    int[] topColumns() {
      int[] out = java.util.Arrays.copyOf(heapCols, heapSize);
      for (int i = 0; i < heapSize; i++) {
        weighted[heapCols[i]] = heapVals[i];
      }
      java.util.Arrays.sort(out);
      return out;
    }

    float[] topValues(int[] cols) {
      float[] out = new float[cols.length];
      for (int i = 0; i < cols.length; i++) {
        out[i] = (float) weighted[cols[i]];
        weighted[cols[i]] = 0;
      }
      return out;
    }
  }
}
