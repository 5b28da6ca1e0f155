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
}
