package io.playloop.jobs.models.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RandomizedSvdTest {
  @Test
  void findsTheTopSingularValuesAndVectorsOfAScaledPermutation() {
    // 3 x 4 with entries (0,0)=3, (1,2)=2, (2,3)=1: singular values 3, 2, 1 with right vectors
    // e0, e2, e3.
    CsrMatrix a =
        new CsrMatrix(3, 4, new int[] {0, 1, 2, 3}, new int[] {0, 2, 3}, new float[] {3f, 2f, 1f});
    RandomizedSvd.Result svd = RandomizedSvd.rightVectors(a, a.transpose(), 2, 2, 7);
    assertThat(svd.rank()).isEqualTo(2);
    assertThat(svd.singularValues()[0]).isCloseTo(3, within(1e-9));
    assertThat(svd.singularValues()[1]).isCloseTo(2, within(1e-9));
    float[] v = svd.vectorsByComponent();
    // Up to sign: component 0 is e0, component 1 is e2.
    assertThat(Math.abs(v[0])).isCloseTo(1f, within(1e-5f));
    assertThat(Math.abs(v[4 + 2])).isCloseTo(1f, within(1e-5f));
    assertThat(v[1] * v[1] + v[2] * v[2] + v[3] * v[3]).isCloseTo(0f, within(1e-9f));
    assertThat(v[4] * v[4] + v[5] * v[5] + v[7] * v[7]).isCloseTo(0f, within(1e-9f));
  }

  @Test
  void theBasisOfARandomSketchIsOrthonormal() {
    int rows = 50;
    int cols = 5;
    double[] y = new double[rows * cols];
    java.util.Random r = new java.util.Random(1);
    for (int k = 0; k < y.length; k++) {
      y[k] = r.nextGaussian();
    }
    double[] q = RandomizedSvd.orthonormalColumns(y, rows, cols);
    for (int a = 0; a < cols; a++) {
      for (int b = 0; b < cols; b++) {
        double dot = 0;
        for (int i = 0; i < rows; i++) {
          dot += q[i * cols + a] * q[i * cols + b];
        }
        assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-12));
      }
    }
  }
}
