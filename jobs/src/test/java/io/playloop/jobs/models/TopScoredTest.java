package io.playloop.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopScoredTest {
  @Test
  void topKPicksTheBestWithTiesToTheSmallerIdAndSkipsExcluded() {
    int[] ids = {5, 3, 9, 1, 7};
    float[] scores = {0.5f, 0.9f, 0.5f, Float.NEGATIVE_INFINITY, 0.1f};
    assertThat(TopScored.ids(ids, scores, 3)).containsExactly(3, 5, 9);
    assertThat(TopScored.ids(ids, scores, 10)).containsExactly(3, 5, 9, 7);
  }

  @Test
  void anOffsetReadsOneRowOfABlockOfScores() {
    int[] ids = {1, 2, 3};
    float[] block = {9f, 9f, 9f, 0.1f, 0.3f, 0.2f, 5f, 5f, 5f};
    assertThat(TopScored.ids(ids, block, 3, 2)).containsExactly(2, 3);
    assertThat(TopScored.positions(ids, block, 6, 3)).containsExactly(0, 1, 2);
  }
}
