package io.playloop.jobs.models.evaluation;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Held-out data to judge a model by both protocols: relevant items per user (holdout protocol,
 * top-k over {@code catalog} excluding {@code seen}) and seed-protocol batches.
 */
public record Validation(
    UserHistory seen, Map<Integer, Set<Integer>> relevant, int[] catalog, List<EvalBatch> batches) {

  /** Holdout metrics at k = 10 followed by the sampled protocol's. */
  public Map<String, Double> evaluate(Model model) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (!relevant.isEmpty()) {
      m.putAll(OfflineEvaluation.holdout(model, seen, relevant, catalog, OfflineEvaluation.K));
    }
    if (!batches.isEmpty()) {
      m.putAll(OfflineEvaluation.sampled(model, batches));
    }
    return m;
  }
}
