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
   * Replaces the lower triangle of symmetric positive definite {@code flat} (n x n, rows end to
   * end) by that of its inverse, via Cholesky (dpotrf, then dpotri on the factor); read it with
   * {@link #symmetric}. LAPACK works on one column-major array, which for a symmetric matrix is the
   * rows laid end to end. One array of n x n doubles, no copy: what lets EASE go to 20,000 items in
   * a few GB.
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
   * {@link #spdInverseInPlace(double[], int)} in single precision (spotrf, spotri): half the memory
   * and about half the time. Enough for blocked EASE, whose ridge keeps the Gram matrix well
   * conditioned and whose weights are kept as floats anyway.
   */
  static void spdInverseInPlace(float[] flat, int n) {
    LAPACK lapack = LAPACK.getInstance();
    intW info = new intW(0);
    lapack.spotrf("L", n, flat, Math.max(1, n), info);
    if (info.val > 0) {
      throw new IllegalArgumentException(
          "matrix is not positive definite at row " + (info.val - 1));
    }
    check(info, "spotrf");
    lapack.spotri("L", n, flat, Math.max(1, n), info);
    check(info, "spotri");
  }

  /** Element (i, j) of a symmetric matrix kept in the lower triangle of {@code a}, in floats. */
  static float symmetric(float[] a, int n, int i, int j) {
    return i >= j ? a[j * n + i] : a[i * n + j];
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
