package io.playloop.jobs.models.algorithms.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playloop.jobs.models.UserHistory;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseMathTest {
  @Test
  void spdInverseTimesTheMatrixIsTheIdentity() {
    int n = 40;
    Random r = new Random(3);
    double[][] x = new double[60][n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextDouble() < 0.2 ? 1 : 0;
      }
    }
    double[][] a = new double[n][n];
    for (double[] row : x) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] += row[i] * row[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      a[i][i] += 2;
    }
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, inv, i * n, n);
    }
    DenseLinearAlgebra.spdInverseInPlace(inv, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i][k] * DenseLinearAlgebra.symmetric(inv, n, k, j);
        }
        assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-9));
      }
    }
  }

  @Test
  void easeRecommendsWhatCoOccursWithTheUsersItems() {
    // Items 1 and 2 always go together, 3 and 4 too; user 9 has only item 1.
    UserHistory h =
        new UserHistory(
            Map.of(
                1, new int[] {1, 2},
                2, new int[] {1, 2},
                3, new int[] {3, 4},
                4, new int[] {3, 4},
                5, new int[] {1, 2, 3},
                9, new int[] {1}));
    EaseModel m = EaseModel.fit(h, new EaseParams(0.5), 100);
    float[] s = m.score(9, new int[] {2, 3, 4, 77});
    assertThat(s[0]).isGreaterThan(s[1]).isGreaterThan(s[2]);
    assertThat(s[3]).isEqualTo(Float.NEGATIVE_INFINITY);
  }
}
