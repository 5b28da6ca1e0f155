package io.playloop.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void ordersTheBestByScoreThenByLowerIdAmongTies() {
    double[] score = {0.5, 0.9, 0.5, 0.1, 0.5, 0.9};
    int[] id = {40, 7, 3, 1, 20, 2};
    // best: 0.9 (id 2, id 7), then the 0.5 ties by id: 3, 20 (40 misses out)
    int[] top = TopK.of(score, id, score.length, 4);
    assertThat(top).containsExactly(5, 1, 2, 4);
  }

  @Test
  void kLargerThanNReturnsEverythingInOrder() {
    double[] score = {0.2, 0.3};
    int[] id = {1, 2};
    assertThat(TopK.of(score, id, 2, 10)).containsExactly(1, 0);
    assertThat(TopK.of(score, id, 0, 3)).isEmpty();
  }
}
