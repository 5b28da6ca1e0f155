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

  @Test
  void agreesWithSortingEveryScoreOnManyTiesAndUnrankableScores() {
    java.util.Random r = new java.util.Random(5);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(300);
      int[] ids = r.ints(0, 100_000).distinct().limit(n).toArray();
      n = ids.length;
      float[] scores = new float[n + 7];
      int offset = r.nextInt(8);
      for (int p = 0; p < n; p++) {
        int kind = r.nextInt(20);
        scores[offset + p] =
            kind == 0
                ? Float.NaN
                : kind == 1
                    ? Float.NEGATIVE_INFINITY
                    : kind == 2 ? Float.POSITIVE_INFINITY : r.nextInt(9) - 4;
      }
      int k = r.nextInt(25);
      int[] positions = TopScored.positions(ids, scores, offset, k);
      int[] sorted =
          java.util.stream.IntStream.range(0, n)
              .filter(p -> TopScored.rankable(scores[offset + p]))
              .boxed()
              .sorted(
                  (a, b) ->
                      scores[offset + a] != scores[offset + b]
                          ? Float.compare(scores[offset + b], scores[offset + a])
                          : Integer.compare(ids[a], ids[b]))
              .limit(k)
              .mapToInt(Integer::intValue)
              .toArray();
      assertThat(positions).as("round " + round).containsExactly(sorted);
    }
  }
}
