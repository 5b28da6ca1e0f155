package io.playloop.jobs.models.algorithms.ease;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The little dense linear algebra EASE needs: the inverse of a symmetric positive definite matrix,
 * by LAPACK (native OpenBLAS when installed, netlib's Java fallback otherwise).
 */
final class DenseLinearAlgebra {
  private DenseLinearAlgebra() {}

  /**
   * The inverse of symmetric positive definite {@code a} via Cholesky (dpotrf, then dpotri on the
   * factor); {@code a} is not modified. LAPACK works on one column-major array, which for a
   * symmetric matrix is the rows laid end to end.
   */
  static double[][] spdInverse(double[][] a) {
    int n = a.length;
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, flat, i * n, n);
    }
    spdInverseInPlace(flat, n);
    // The inverse is in the lower triangle (column-major): element (i, j), i >= j, at j * n + i.
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = symmetric(flat, n, i, j);
      }
    }
    return out;
  }

  /**
   * Replaces the lower triangle of symmetric positive definite {@code a} (n x n, rows end to end)
   * by that of its inverse; read it with {@link #symmetric}. One array of n x n doubles, no copy:
   * what lets EASE go to 20,000 items in a few GB.
   */
  static void spdInverseInPlace(double[] flat, int n) {
    LAPACK lapack = LAPACK.getInstance();
    intW info = new intW(0);
    lapack.dpotrf("L", n, flat, Math.max(1, n), info);
    if (info.val > 0) {
      throw new IllegalArgumentException(
          "matrix is not positive definite at row " + (info.val - 1));
    }
    check(info, "dpotrf");
    lapack.dpotri("L", n, flat, Math.max(1, n), info);
    check(info, "dpotri");
  }

  /**
   * Element (i, j) of a symmetric matrix kept in the lower triangle (column-major) of {@code a}.
   */
  static double symmetric(double[] a, int n, int i, int j) {
    return i >= j ? a[j * n + i] : a[i * n + j];
  }

  private static void check(intW info, String routine) {
    if (info.val != 0) {
      throw new IllegalStateException(routine + " failed with info " + info.val);
    }
  }
}
