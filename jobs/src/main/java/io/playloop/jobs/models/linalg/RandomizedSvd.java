package io.playloop.jobs.models.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Random;
import org.netlib.util.intW;

/**
 * The top right singular vectors of a sparse matrix by randomized subspace iteration (Halko,
 * Martinsson and Tropp 2011): a Gaussian sketch of the row space, a few power iterations with
 * re-orthonormalisation, then the eigenvectors of a small (rank + oversampling) square matrix.
 * Dense steps go through netlib BLAS/LAPACK (native when installed, else its Java fallback).
 *
 * <p>For an m x n matrix with z non-zeros, l = rank + oversampling and q power iterations: time
 * O((2q + 2) z l + (2q + 2)(m + n) l^2 + l^3), memory O((m + n) l) doubles.
 */
public final class RandomizedSvd {
  /** Extra sketch columns beyond the rank: more make the top vectors more accurate. */
  static final int OVERSAMPLING = 16;

  /**
   * @param singularValues descending
   * @param vectorsByComponent row-major rank x n: row c is the c-th right singular vector
   */
  public record Result(int rank, double[] singularValues, float[] vectorsByComponent) {}

  private RandomizedSvd() {}

  /**
   * The top {@code rank} right singular vectors of {@code a} (its transpose {@code at} given too,
   * the sparse products run row by row in parallel), from a sketch seeded by {@code seed}.
   */
  public static Result rightVectors(
      CsrMatrix a, CsrMatrix at, int rank, int powerIterations, long seed) {
    int m = a.rows();
    int n = a.cols();
    int l = Math.min(rank + OVERSAMPLING, Math.min(m, n));
    int r = Math.min(rank, l);
    if (r < 1) {
      throw new IllegalArgumentException("nothing to decompose in a " + m + "x" + n + " matrix");
    }
    Random random = new Random(seed);
    double[] omega = new double[m * l];
    for (int k = 0; k < omega.length; k++) {
      omega[k] = random.nextGaussian();
    }
    // q spans the top right singular subspace: the range of a' (n x l, row-major).
    double[] q = orthonormalColumns(at.timesDense(omega, l), n, l);
    for (int it = 0; it < powerIterations; it++) {
      double[] z = orthonormalColumns(a.timesDense(q, l), m, l);
      q = orthonormalColumns(at.timesDense(z, l), n, l);
    }
    // b' = a q (m x l); c = b b' = q' a' a q (l x l); its eigenvectors rotate q onto v.
    double[] bt = a.timesDense(q, l);
    double[] c = new double[l * l];
    // bt row-major m x l is column-major l x m (= b): c = b b'.
    BLAS.getInstance().dsyrk("U", "N", l, m, 1.0, bt, l, 0.0, c, l);
    double[] eig = new double[l];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK.getInstance().dsyev("V", "U", l, c, l, eig, query, -1, info);
    double[] work = new double[(int) query[0]];
    LAPACK.getInstance().dsyev("V", "U", l, c, l, eig, work, work.length, info);
    check(info, "dsyev");
    // Eigenvalues come ascending: the top r are the last columns, taken in descending order.
    double[] top = new double[l * r];
    double[] sigma = new double[r];
    for (int k = 0; k < r; k++) {
      System.arraycopy(c, (l - 1 - k) * l, top, k * l, l);
      sigma[k] = Math.sqrt(Math.max(0, eig[l - 1 - k]));
    }
    // v (column-major n x r, i.e. row-major r x n) = q top; q row-major n x l is column-major q'.
    double[] v = new double[n * r];
    BLAS.getInstance().dgemm("T", "N", n, r, l, 1.0, q, l, top, l, 0.0, v, n);
    float[] out = new float[n * r];
    for (int k = 0; k < out.length; k++) {
      out[k] = (float) v[k];
    }
    return new Result(r, sigma, out);
  }

  /**
   * An orthonormal basis of the column space of row-major {@code rows x cols} {@code y} (rows >=
   * cols), row-major too. Row-major y is column-major y', so an LQ factorisation of y' (dgelqf)
   * gives y' = L Q with orthonormal rows, and Q (dorglq) read row-major is the basis.
   */
  static double[] orthonormalColumns(double[] y, int rows, int cols) {
    LAPACK lapack = LAPACK.getInstance();
    double[] tau = new double[cols];
    intW info = new intW(0);
    double[] query = new double[1];
    lapack.dgelqf(cols, rows, y, cols, tau, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dgelqf(cols, rows, y, cols, tau, work, work.length, info);
    check(info, "dgelqf");
    lapack.dorglq(cols, rows, cols, y, cols, tau, query, -1, info);
    work = new double[Math.max(work.length, (int) query[0])];
    lapack.dorglq(cols, rows, cols, y, cols, tau, work, work.length, info);
    check(info, "dorglq");
    return y;
  }

  private static void check(intW info, String routine) {
    if (info.val != 0) {
      throw new IllegalStateException(routine + " failed with info " + info.val);
    }
  }
}
