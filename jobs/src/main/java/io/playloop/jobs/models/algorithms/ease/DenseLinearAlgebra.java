package io.playloop.jobs.models.algorithms.ease;

/**
 * The little dense linear algebra EASE needs: the inverse of a symmetric positive definite matrix.
 */
final class DenseLinearAlgebra {
  private DenseLinearAlgebra() {}

  /**
   * The inverse of symmetric positive definite {@code a} via Cholesky: a = L L', M = L^-1, a^-1 =
   * M'M. Loops run along rows so that they stay cache friendly; {@code a} is not modified.
   */
  static double[][] spdInverse(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][];
    for (int i = 0; i < n; i++) {
      l[i] = new double[i + 1];
      double[] li = l[i];
      for (int j = 0; j <= i; j++) {
        double[] lj = l[j];
        double sum = 0;
        for (int k = 0; k < j; k++) {
          sum += li[k] * lj[k];
        }
        if (i == j) {
          double d = a[i][i] - sum;
          if (d <= 0) {
            throw new IllegalArgumentException("matrix is not positive definite at row " + i);
          }
          li[i] = Math.sqrt(d);
        } else {
          li[j] = (a[i][j] - sum) / lj[j];
        }
      }
    }
    // Row i of M = L^-1: (e_i - sum_{k<i} L[i][k] M[k]) / L[i][i]; M is lower triangular.
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] mi = new double[i + 1];
      double[] li = l[i];
      for (int k = 0; k < i; k++) {
        double c = li[k];
        if (c != 0) {
          double[] mk = m[k];
          for (int j = 0; j <= k; j++) {
            mi[j] -= c * mk[j];
          }
        }
      }
      mi[i] += 1;
      double inv = 1 / li[i];
      for (int j = 0; j <= i; j++) {
        mi[j] *= inv;
      }
      m[i] = mi;
    }
    // a^-1 = M'M: accumulate the outer product of each row of M (only its first i+1 entries).
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] mi = m[i];
      for (int r = 0; r <= i; r++) {
        double c = mi[r];
        if (c != 0) {
          double[] row = out[r];
          for (int s = 0; s <= i; s++) {
            row[s] += c * mi[s];
          }
        }
      }
    }
    return out;
  }
}
