package io.playloop.jobs.benchmark;

import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.evaluation.EvalBatch;
import io.playloop.jobs.models.evaluation.Validation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round of the benchmark: settings are chosen by training on {@code chooseOn} and ranking
 * {@code validation}; the chosen setting is fit on {@code fitOn} and tested on {@code test}, with
 * {@code seenAtTest} excluded from the test rankings.
 */
public record Fold(
    UserHistory chooseOn,
    Map<Integer, Set<Integer>> validation,
    UserHistory fitOn,
    Map<Integer, Set<Integer>> test,
    UserHistory seenAtTest,
    int[] catalog,
    long seed) {

  /** Negatives drawn per held-out positive by the sampled protocol. */
  static final int NEGATIVES = 50;

  /** The held-out data settings are chosen on. */
  public Validation choosing() {
    List<EvalBatch> batches =
        new HoldoutSplit(chooseOn, validation).seedBatches(catalog, NEGATIVES, 2000L + seed);
    return new Validation(chooseOn, validation, catalog, batches);
  }

  /** The sampled protocol's batches over the test items. */
  public List<EvalBatch> testBatches() {
    return new HoldoutSplit(seenAtTest, test).seedBatches(catalog, NEGATIVES, 3000L + seed);
  }
}
