package io.playloop.jobs.models.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopKProductTest {
  // Users x items: u0 likes 0 and 1, u1 likes 0, 1 and 2, u2 likes 2 and 3.
  static final CsrMatrix R = CsrMatrix.binary(4, new int[][] {{0, 1}, {0, 1, 2}, {2, 3}});

  @Test
  void keepsTheKLargestOffDiagonalCoCountsWithTiesToTheSmallerColumn() {
    CsrMatrix w = TopKProduct.rows(R.transpose(), R, 2, true, (i, j, dot) -> dot);
    // Co-counts: 0-1: 2, 0-2: 1, 1-2: 1, 2-3: 1.
    assertThat(w.rowIndices(0)).containsExactly(1, 2);
    assertThat(w.rowValues(0)).containsExactly(2f, 1f);
    // Row 2 ties 0, 1 and 3 at 1: the two smaller columns stay.
    assertThat(w.rowIndices(2)).containsExactly(0, 1);
    assertThat(w.rowIndices(3)).containsExactly(2);
    assertThat(w.rowValues(3)).containsExactly(1f);
  }

  @Test
  void theWeightingDecidesAndNonPositiveWeightsAreDropped() {
    CsrMatrix w =
        TopKProduct.rows(R.transpose(), R, 3, false, (i, j, dot) -> j == 3 ? 0 : dot * 10 + j);
    // With the diagonal: row 2 is 2 (itself, 2 users) then 0 and 1; column 3 weighs 0 and goes.
    assertThat(w.rowIndices(2)).containsExactly(0, 1, 2);
    assertThat(w.rowValues(2)).containsExactly(10f, 11f, 22f);
    assertThat(w.rowIndices(3)).containsExactly(2);
  }

  @Test
  void transposeAndNormalisationKeepTheEntries() {
    CsrMatrix t = R.transpose();
    assertThat(t.rows()).isEqualTo(4);
    assertThat(t.rowIndices(2)).containsExactly(1, 2);
    assertThat(R.rowsL1Normalised().rowValues(1)).containsExactly(1 / 3f, 1 / 3f, 1 / 3f);
    assertThat(R.columnSums()).containsExactly(2, 2, 2, 1);
  }

  @Test
  void mismatchedShapesAndBadKAreRefused() {
    assertThatThrownBy(() -> TopKProduct.rows(R, R, 2, true, (i, j, d) -> d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot multiply 3x4 by 3x4");
    assertThatThrownBy(() -> TopKProduct.rows(R.transpose(), R, 0, true, (i, j, d) -> d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be at least 1, got 0");
    assertThatThrownBy(() -> new CsrMatrix(1, 2, new int[] {0, 1}, new int[] {2}, new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 2 outside 0..1");
  }
}
