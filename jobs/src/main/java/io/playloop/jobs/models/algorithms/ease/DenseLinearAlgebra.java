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
    // The inverse is in the lower triangle (column-major): element (i, j), i >= j, at j * n + i.
    double[][] out = new double[n][n];
    for (int j = 0; j < n; j++) {
      int col = j * n;
      for (int i = j; i < n; i++) {
        double v = flat[col + i];
        out[i][j] = v;
        out[j][i] = v;
      }
    }
    return out;
  }

  private static void check(intW info, String routine) {
    if (info.val != 0) {
      throw new IllegalStateException(routine + " failed with info " + info.val);
    }
  }
}
