package io.playloop.core.ranking;

import java.util.Set;

/**
 * Top-k ranking metrics with binary relevance, as Microsoft Recommenders defines them: a ranked
 * list of item ids is compared with the set of the user's relevant (held-out) items.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** Hits in the first k positions divided by k. */
  public static double precisionAtK(int[] ranked, Set<Integer> relevant, int k) {
    checkK(k);
    return hits(ranked, relevant, k) / (double) k;
  }

  /** Hits in the first k positions divided by the number of relevant items (0 when none). */
  public static double recallAtK(int[] ranked, Set<Integer> relevant, int k) {
    checkK(k);
    if (relevant.isEmpty()) {
      return 0;
    }
    return hits(ranked, relevant, k) / (double) relevant.size();
  }

  /**
   * DCG of the first k positions (gain 1 per hit, discount 1/log2(rank + 1)) over the ideal DCG of
   * min(k, relevant) hits at the top.
   */
  public static double ndcgAtK(int[] ranked, Set<Integer> relevant, int k) {
    checkK(k);
    if (relevant.isEmpty()) {
      return 0;
    }
    double dcg = 0;
    int n = Math.min(k, ranked.length);
    for (int i = 0; i < n; i++) {
      if (relevant.contains(ranked[i])) {
        dcg += discount(i);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) {
      ideal += discount(i);
    }
    return dcg / ideal;
  }

  /** Sum of precision at each hit rank within the first k, divided by min(k, relevant). */
  public static double mapAtK(int[] ranked, Set<Integer> relevant, int k) {
    checkK(k);
    if (relevant.isEmpty()) {
      return 0;
    }
    double sum = 0;
    int hits = 0;
    int n = Math.min(k, ranked.length);
    for (int i = 0; i < n; i++) {
      if (relevant.contains(ranked[i])) {
        hits++;
        sum += hits / (double) (i + 1);
      }
    }
    return sum / Math.min(k, relevant.size());
  }

  /** 1 when a relevant item is among the first k, else 0. */
  public static double hitAtK(int[] ranked, Set<Integer> relevant, int k) {
    checkK(k);
    return hits(ranked, relevant, k) > 0 ? 1 : 0;
  }

  /** 1 / rank of the first relevant item in the list, 0 when there is none. */
  public static double reciprocalRank(int[] ranked, Set<Integer> relevant) {
    for (int i = 0; i < ranked.length; i++) {
      if (relevant.contains(ranked[i])) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /**
   * The negatives protocol's rank of one positive among its negatives (1 = best). Ties count
   * against the positive, so a model that scores everything equally ranks it last, not first.
   */
  public static int rankAmongNegatives(double positiveScore, double[] negativeScores) {
    int rank = 1;
    for (double s : negativeScores) {
      if (!(s < positiveScore)) {
        rank++;
      }
    }
    return rank;
  }

  private static int hits(int[] ranked, Set<Integer> relevant, int k) {
    int hits = 0;
    int n = Math.min(k, ranked.length);
    for (int i = 0; i < n; i++) {
      if (relevant.contains(ranked[i])) {
        hits++;
      }
    }
    return hits;
  }

  private static double discount(int zeroBasedRank) {
    return 1.0 / (Math.log(zeroBasedRank + 2) / Math.log(2));
  }

  private static void checkK(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
  }
}
