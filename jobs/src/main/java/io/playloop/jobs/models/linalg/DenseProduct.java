package io.playloop.jobs.models.linalg;

import dev.ludovic.netlib.blas.BLAS;
import io.playloop.jobs.spark.NativeBlas;

/**
 * Row-major single-precision matrix products through netlib BLAS's sgemm: native OpenBLAS when
 * installed, else netlib's Java fallback (the job says which once, at start, via {@link
 * NativeBlas}), which gives the same results more slowly.
 *
 * <p>BLAS is column-major; a row-major m x n array is the column-major n x m transpose, so each
 * product below is the transposed one in column-major terms and no array is ever copied.
 */
public final class DenseProduct {
  private final BLAS blas;

  /** On {@code blas} (tests pick the Java one to check the fallback gives the same results). */
  public DenseProduct(BLAS blas) {
    this.blas = blas;
  }

  /** On the implementation netlib loaded in this JVM. */
  public static DenseProduct shared() {
    NativeBlas.detect(); // loads netlib quietly, without its own warnings
    return Holder.SHARED;
  }

  /** The BLAS in use. */
  public BLAS blas() {
    return blas;
  }

  /** c (m x n) = a (m x k) times the transpose of b (n x k); all row-major, c overwritten. */
  public void timesTransposed(float[] a, int m, int k, float[] b, int n, float[] c) {
    check(a, (long) m * k, b, (long) n * k, c, (long) m * n);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      java.util.Arrays.fill(c, 0, m * n, 0f);
      return;
    }
    // Column-major: c' (n x m) = b (k x n)' times a' (k x m).
    blas.sgemm("T", "N", n, m, k, 1f, b, k, a, k, 0f, c, n);
  }

  /** c (m x n) = a (m x k) times b (k x n); all row-major, c overwritten. */
  public void times(float[] a, int m, int k, float[] b, int n, float[] c) {
    check(a, (long) m * k, b, (long) k * n, c, (long) m * n);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      java.util.Arrays.fill(c, 0, m * n, 0f);
      return;
    }
    // Column-major: c' (n x m) = b' (n x k) times a' (k x m).
    blas.sgemm("N", "N", n, m, k, 1f, b, n, a, k, 0f, c, n);
  }

  private static void check(float[] a, long as, float[] b, long bs, float[] c, long cs) {
    if (a.length < as || b.length < bs || c.length < cs) {
      throw new IllegalArgumentException(
          "arrays of "
              + a.length
              + ", "
              + b.length
              + " and "
              + c.length
              + " floats are too short for "
              + as
              + ", "
              + bs
              + " and "
              + cs);
    }
  }

  /** Created on first use, after {@link NativeBlas} has quieted netlib's loaders. */
  private static final class Holder {
    static final DenseProduct SHARED = new DenseProduct(BLAS.getInstance());
  }
}
