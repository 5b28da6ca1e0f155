package io.playloop.jobs.benchmark;

import io.playloop.core.ranking.MetricMeans;
import io.playloop.core.ranking.RankingMetrics;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.evaluation.CatalogRanking;
import java.util.Map;
import java.util.Set;

/**
 * The holdout protocol's metrics at several cut-offs, as LightGCN and RecBole define them: each
 * user's top k of the catalog (the user's seen items excluded) against the user's test items;
 * precision, recall (hits / test items), nDCG (ideal over min(test items, k)), MAP and hit at each
 * k, averaged over the users with test items. One ranking per user serves every k.
 */
public final class HoldoutMetrics {
  private HoldoutMetrics() {}

  /** Means over users of {@code <metric>_at_<k>} for every k in {@code ks}. */
  public static Map<String, Double> evaluate(
      Model model, UserHistory seen, Map<Integer, Set<Integer>> test, int[] catalog, int[] ks) {
    int deepest = 0;
    for (int k : ks) {
      if (k <= 0) {
        throw new IllegalArgumentException("k must be positive, got " + k);
      }
      deepest = Math.max(deepest, k);
    }
    int[] users =
        test.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .mapToInt(Map.Entry::getKey)
            .sorted()
            .toArray();
    int[][] tops = CatalogRanking.top(model, seen, users, catalog, deepest);
    MetricMeans m = new MetricMeans();
    for (int x = 0; x < users.length; x++) {
      Set<Integer> rel = test.get(users[x]);
      int[] top = tops[x];
      for (int k : ks) {
        m.add("precision_at_" + k, RankingMetrics.precisionAtK(top, rel, k));
        m.add("recall_at_" + k, RankingMetrics.recallAtK(top, rel, k));
        m.add("ndcg_at_" + k, RankingMetrics.ndcgAtK(top, rel, k));
        m.add("map_at_" + k, RankingMetrics.mapAtK(top, rel, k));
        m.add("hit_at_" + k, RankingMetrics.hitAtK(top, rel, k));
      }
    }
    return m.means();
  }
}
