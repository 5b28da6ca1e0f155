package io.playloop.jobs.benchmark;

import io.playloop.core.ranking.MetricMeans;
import io.playloop.core.ranking.RankingMetrics;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TopScored;
import io.playloop.jobs.models.UserHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    int depth = deepest;
    List<Integer> users = new ArrayList<>(test.keySet());
    return users.parallelStream()
        .filter(u -> !test.get(u).isEmpty())
        .map(u -> one(model, seen, test.get(u), catalog, ks, depth, u))
        .reduce(
            new MetricMeans(),
            (a, b) -> {
              MetricMeans m = new MetricMeans();
              m.addAll(a);
              m.addAll(b);
              return m;
            })
        .means();
  }

  private static MetricMeans one(
      Model model, UserHistory seen, Set<Integer> rel, int[] catalog, int[] ks, int depth, int u) {
    float[] scores = model.score(u, catalog).clone();
    Set<Integer> exclude = new HashSet<>();
    for (int i : seen.items(u)) {
      exclude.add(i);
    }
    for (int p = 0; p < catalog.length; p++) {
      if (exclude.contains(catalog[p])) {
        scores[p] = Float.NEGATIVE_INFINITY;
      }
    }
    int[] top = TopScored.ids(catalog, scores, depth);
    MetricMeans m = new MetricMeans();
    for (int k : ks) {
      m.add("precision_at_" + k, RankingMetrics.precisionAtK(top, rel, k));
      m.add("recall_at_" + k, RankingMetrics.recallAtK(top, rel, k));
      m.add("ndcg_at_" + k, RankingMetrics.ndcgAtK(top, rel, k));
      m.add("map_at_" + k, RankingMetrics.mapAtK(top, rel, k));
      m.add("hit_at_" + k, RankingMetrics.hitAtK(top, rel, k));
    }
    return m;
  }
}
