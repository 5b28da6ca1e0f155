package io.playloop.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  // Ranked 1..5; relevant 2, 5 (hits at ranks 2 and 5) and 9 (never recommended).
  private static final int[] RANKED = {1, 2, 3, 4, 5};
  private static final Set<Integer> RELEVANT = Set.of(2, 5, 9);

  @Test
  void precisionCountsHitsOverK() {
    assertThat(RankingMetrics.precisionAtK(RANKED, RELEVANT, 5)).isEqualTo(0.4);
    assertThat(RankingMetrics.precisionAtK(RANKED, RELEVANT, 1)).isEqualTo(0.0);
    // A list shorter than k still divides by k.
    assertThat(RankingMetrics.precisionAtK(RANKED, RELEVANT, 10)).isEqualTo(0.2);
  }

  @Test
  void recallCountsHitsOverRelevant() {
    assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 5)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(RankingMetrics.recallAtK(RANKED, RELEVANT, 2)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(RankingMetrics.recallAtK(RANKED, Set.of(), 5)).isZero();
  }

  @Test
  void ndcgDiscountsHitsByLogRankOverTheIdealList() {
    // DCG = 1/log2(3) + 1/log2(6) = 0.63093 + 0.38685; IDCG = 1 + 1/log2(3) + 1/log2(4); 1.017783 /
    // 2.130930.
    assertThat(RankingMetrics.ndcgAtK(RANKED, RELEVANT, 5)).isCloseTo(0.477624, within(1e-6));
    // Only one relevant: the ideal is a hit at rank 1, so a hit at rank 2 gives 1/log2(3).
    assertThat(RankingMetrics.ndcgAtK(RANKED, Set.of(2), 5)).isCloseTo(0.630930, within(1e-6));
    assertThat(RankingMetrics.ndcgAtK(new int[] {2, 5, 9}, RELEVANT, 3)).isEqualTo(1.0);
  }

  @Test
  void mapSumsPrecisionAtHitsOverMinOfKAndRelevant() {
    // Hits at ranks 2 and 5: (1/2 + 2/5) / min(5, 3) = 0.3.
    assertThat(RankingMetrics.mapAtK(RANKED, RELEVANT, 5)).isCloseTo(0.3, within(1e-12));
    // k = 2 cuts the second hit: (1/2) / min(2, 3) = 0.25.
    assertThat(RankingMetrics.mapAtK(RANKED, RELEVANT, 2)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void hitAndReciprocalRankLookAtTheFirstHit() {
    assertThat(RankingMetrics.hitAtK(RANKED, RELEVANT, 1)).isZero();
    assertThat(RankingMetrics.hitAtK(RANKED, RELEVANT, 2)).isEqualTo(1.0);
    assertThat(RankingMetrics.reciprocalRank(RANKED, RELEVANT)).isEqualTo(0.5);
    assertThat(RankingMetrics.reciprocalRank(RANKED, Set.of(42))).isZero();
  }

  @Test
  void rankAmongNegativesCountsTiesAgainstThePositive() {
    assertThat(RankingMetrics.rankAmongNegatives(0.5, new double[] {0.9, 0.5, 0.1})).isEqualTo(3);
    assertThat(RankingMetrics.rankAmongNegatives(1.0, new double[] {0.9, 0.5, 0.1})).isEqualTo(1);
    assertThat(RankingMetrics.rankAmongNegatives(0, new double[] {0, 0, 0})).isEqualTo(4);
  }

  @Test
  void nonPositiveKIsRejected() {
    assertThatThrownBy(() -> RankingMetrics.ndcgAtK(RANKED, RELEVANT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be positive");
  }

  @Test
  void meansAverageEachMetricOverItsObservations() {
    MetricMeans m = new MetricMeans();
    m.add("ndcg", 1.0);
    m.add("ndcg", 0.5);
    m.add("mrr", 0.25);
    MetricMeans other = new MetricMeans();
    other.add("ndcg", 0.0);
    m.addAll(other);
    assertThat(m.means()).containsEntry("ndcg", 0.5).containsEntry("mrr", 0.25);
    assertThat(m.count("ndcg")).isEqualTo(3);
  }
}
