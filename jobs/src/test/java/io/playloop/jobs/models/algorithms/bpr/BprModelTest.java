package io.playloop.jobs.models.algorithms.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import org.junit.jupiter.api.Test;

class BprModelTest {
  private static final BprParams RANK_1 = new BprParams(1, 0.05, 0.95, 0.002, 0.001, 1, 1, 1.0);

  @Test
  void scoresAreDotProductsWithTheItemBiasAndUnknownUsersGetTheBiasAlone() {
    // Users: [factor, 1]; items: [factor, bias].
    BprModel m =
        new BprModel(
            new IdVectors(new IdIndex(new int[] {1, 2}), new float[] {1f, 1f, -1f, 1f}, 2),
            new IdVectors(
                new IdIndex(new int[] {10, 11, 12}), new float[] {2f, 0.5f, -1f, 0f, 0f, 0.25f}, 2),
            RANK_1);
    int[] items = {10, 11, 12, 99};
    // user 1: 1*2 + 0.5 = 2.5; 1*-1 + 0 = -1; 0 + 0.25; unknown item: -inf
    assertThat(m.score(1, items)).containsExactly(2.5f, -1f, 0.25f, Float.NEGATIVE_INFINITY);
    // user 2: -1*2 + 0.5 = -1.5; -1*-1 + 0 = 1; 0.25
    assertThat(m.score(2, items)).containsExactly(-1.5f, 1f, 0.25f, Float.NEGATIVE_INFINITY);
    // unknown user 7: the biases
    assertThat(m.score(7, items)).containsExactly(0.5f, 0f, 0.25f, Float.NEGATIVE_INFINITY);
    assertThat(m.items()).containsExactly(10, 11, 12);
    // The block of users 1, unknown 7 and 2: the same rows over items(), one product.
    float[] block = new float[10];
    block[9] = 42f;
    m.scoreBlock(new int[] {1, 7, 2}, block);
    assertThat(block).containsExactly(2.5f, -1f, 0.25f, 0.5f, 0f, 0.25f, -1.5f, 1f, 0.25f, 42f);
  }

  @Test
  void factorsMustCarryTheBiasColumn() {
    assertThatThrownBy(
            () ->
                new BprModel(
                    new IdVectors(new IdIndex(new int[] {1}), new float[] {1f}, 1),
                    new IdVectors(new IdIndex(new int[] {10}), new float[] {1f}, 1),
                    RANK_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank 1 + 1");
  }

  @Test
  void paramsAreCheckedAndRoundTripThroughJson() {
    assertThat(BprParams.fromJson(BprParams.defaults().toJson())).isEqualTo(BprParams.defaults());
    assertThatThrownBy(() -> new BprParams(0, 0.05, 0.95, 0.002, 0.001, 1, 1, 1.0))
        .hasMessageContaining("rank");
    assertThatThrownBy(() -> new BprParams(8, 0.05, 0.95, 0.002, 0.001, 0, 1, 1.0))
        .hasMessageContaining("epochs");
  }
}
