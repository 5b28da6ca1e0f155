package io.playloop.jobs.models.evaluation;

import io.playloop.core.ranking.MetricMeans;
import io.playloop.core.ranking.RankingMetrics;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Both offline protocols, on the driver: the holdout protocol (top-k over the catalog against each
 * user's held-out items) and the sampled protocol (each held-out positive ranked among its
 * negatives).
 */
public final class OfflineEvaluation {
  public static final int K = 10;

  private OfflineEvaluation() {}

  /**
   * Holdout protocol at one cut-off, as train's validation reports it: precision, recall, nDCG and
   * MAP at k (no hit at k: {@code hit_at_10} in train's metrics is the sampled protocol's).
   */
  public static Map<String, Double> holdout(
      Model model, UserHistory train, Map<Integer, Set<Integer>> relevant, int[] catalog, int k) {
    return holdout(model, train, relevant, catalog, new int[] {k}, false);
  }

  /**
   * Holdout protocol, as LightGCN and RecBole define it: for every user with relevant items, the
   * top k of {@code catalog} excluding the user's seen items, against the relevant set; means over
   * users of precision, recall (hits / relevant items), nDCG (ideal over min(relevant, k)) and MAP
   * at each k, and hit at k when {@code withHit}. One ranking per user serves every k.
   */
  public static Map<String, Double> holdout(
      Model model,
      UserHistory seen,
      Map<Integer, Set<Integer>> relevant,
      int[] catalog,
      int[] ks,
      boolean withHit) {
    int deepest = 0;
    for (int k : ks) {
      if (k <= 0) {
        throw new IllegalArgumentException("k must be positive, got " + k);
      }
      deepest = Math.max(deepest, k);
    }
    int[] users =
        relevant.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .mapToInt(Map.Entry::getKey)
            .sorted()
            .toArray();
    int[][] tops = CatalogRanking.top(model, seen, users, catalog, deepest);
    MetricMeans means = new MetricMeans();
    for (int x = 0; x < users.length; x++) {
      Set<Integer> rel = relevant.get(users[x]);
      int[] top = tops[x];
      for (int k : ks) {
        means.add("precision_at_" + k, RankingMetrics.precisionAtK(top, rel, k));
        means.add("recall_at_" + k, RankingMetrics.recallAtK(top, rel, k));
        means.add("ndcg_at_" + k, RankingMetrics.ndcgAtK(top, rel, k));
        means.add("map_at_" + k, RankingMetrics.mapAtK(top, rel, k));
        if (withHit) {
          means.add("hit_at_" + k, RankingMetrics.hitAtK(top, rel, k));
        }
      }
    }
    return means.means();
  }

  /**
   * Sampled protocol: each positive ranked among its negatives: Hit@1, Hit@5, Hit@10 and MRR. A
   * user's batches are scored in one request: a model's work per user (an item model's walk over
   * the user's positives and their neighbours) is then done once, not once per positive.
   */
  public static Map<String, Double> sampled(Model model, List<EvalBatch> batches) {
    Map<Integer, List<EvalBatch>> byUser = new LinkedHashMap<>();
    for (EvalBatch b : batches) {
      byUser.computeIfAbsent(b.user(), u -> new ArrayList<>()).add(b);
    }
    MetricMeans means =
        byUser.values().parallelStream()
            .map(userBatches -> sampledUser(model, userBatches))
            .reduce(
                new MetricMeans(),
                (a, b) -> {
                  MetricMeans m = new MetricMeans();
                  m.addAll(a);
                  m.addAll(b);
                  return m;
                });
    if (batches.isEmpty()) {
      for (String name : List.of("hit_at_1", "hit_at_5", "hit_at_10", "mrr")) {
        means.add(name, 0);
      }
    }
    return means.means();
  }

  /** One user's batches, each a positive then its negatives, scored in one request. */
  private static MetricMeans sampledUser(Model model, List<EvalBatch> userBatches) {
    int size = 0;
    for (EvalBatch b : userBatches) {
      size += 1 + b.negatives().length;
    }
    int[] ids = new int[size];
    int at = 0;
    for (EvalBatch b : userBatches) {
      ids[at++] = b.positive();
      System.arraycopy(b.negatives(), 0, ids, at, b.negatives().length);
      at += b.negatives().length;
    }
    float[] s = model.score(userBatches.get(0).user(), ids);
    MetricMeans m = new MetricMeans();
    at = 0;
    for (EvalBatch b : userBatches) {
      double[] negs = new double[b.negatives().length];
      for (int i = 0; i < negs.length; i++) {
        negs[i] = s[at + 1 + i];
      }
      addRank(m, RankingMetrics.rankAmongNegatives(s[at], negs));
      at += 1 + negs.length;
    }
    return m;
  }

  private static void addRank(MetricMeans m, int rank) {
    m.add("hit_at_1", rank <= 1 ? 1 : 0);
    m.add("hit_at_5", rank <= 5 ? 1 : 0);
    m.add("hit_at_10", rank <= 10 ? 1 : 0);
    m.add("mrr", 1.0 / rank);
  }
}
