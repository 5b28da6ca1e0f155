package io.playloop.jobs.models.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseProductTest {
  /** The BLAS this JVM loaded (native where installed) and the Java fallback. */
  static final List<DenseProduct> BOTH =
      List.of(DenseProduct.shared(), new DenseProduct(JavaBLAS.getInstance()));

  @Test
  void rowMajorProductsMatchPlainLoopsOnBothImplementations() {
    Random r = new Random(5);
    int m = 7;
    int k = 5;
    int n = 11;
    float[] a = random(r, m * k);
    float[] bt = random(r, n * k); // n x k
    float[] b = random(r, k * n); // k x n
    for (DenseProduct product : BOTH) {
      float[] c = new float[m * n];
      product.timesTransposed(a, m, k, bt, n, c);
      float[] d = new float[m * n];
      product.times(a, m, k, b, n, d);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float s = 0;
          float t = 0;
          for (int x = 0; x < k; x++) {
            s += a[i * k + x] * bt[j * k + x];
            t += a[i * k + x] * b[x * n + j];
          }
          String at = product.blas().getClass().getSimpleName() + " " + i + "," + j;
          assertThat(c[i * n + j]).as(at).isCloseTo(s, within(1e-5f));
          assertThat(d[i * n + j]).as(at).isCloseTo(t, within(1e-5f));
        }
      }
    }
  }

  @Test
  void anEmptyInnerDimensionGivesZeros() {
    for (DenseProduct product : BOTH) {
      float[] c = {1f, 2f, 3f, 4f};
      product.timesTransposed(new float[0], 2, 0, new float[0], 2, c);
      assertThat(c).containsOnly(0f);
    }
  }

  @Test
  void theSharedOneIsWhatNetlibLoaded() {
    assertThat(DenseProduct.shared().blas().getClass()).isEqualTo(BLAS.getInstance().getClass());
  }

  private static float[] random(Random r, int size) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }
}
