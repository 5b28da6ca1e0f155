package io.playloop.jobs.models.algorithms.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import org.junit.jupiter.api.Test;

class AlsModelTest {
  @Test
  void aBlockOfUsersScoresAsEachUserDoesAndAnUnknownUserScoresZero() {
    AlsParams rank2 = new AlsParams(2, 0.1, 1.0, 1, 1.0);
    AlsModel m =
        new AlsModel(
            new IdVectors(new IdIndex(new int[] {1, 2}), new float[] {1f, 2f, -1f, 0.5f}, 2),
            new IdVectors(
                new IdIndex(new int[] {10, 11, 12}), new float[] {2f, 1f, 0f, -1f, 3f, 3f}, 2),
            rank2);
    int[] items = m.items();
    float[] block = new float[9];
    java.util.Arrays.fill(block, 7f); // a reused buffer: every entry is overwritten
    m.scoreBlock(new int[] {2, 9, 1}, block);
    assertThat(block).containsExactly(-1.5f, -0.5f, -1.5f, 0f, 0f, 0f, 4f, -2f, 9f);
    float[] user1 = m.score(1, items);
    float[] user2 = m.score(2, items);
    for (int j = 0; j < items.length; j++) {
      assertThat(block[j]).isEqualTo(user2[j]);
      assertThat(block[2 * items.length + j]).isEqualTo(user1[j]);
    }
  }
}
