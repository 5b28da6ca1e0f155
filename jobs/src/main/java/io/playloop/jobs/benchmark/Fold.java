package io.playloop.jobs.benchmark;

import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.evaluation.EvalBatch;
import io.playloop.jobs.models.evaluation.Validation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

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

  /**
   * The held-out data settings are chosen on, at most {@code maxUsers} validation users drawn
   * reproducibly from the fold's random seed (0: all). Ranking the whole catalog for every user of
   * every grid cell dominates a large catalog's run; a sample of thousands ranks the cells the same
   * way.
   */
  public Validation choosing(int maxUsers) {
    Map<Integer, Set<Integer>> judged = sample(validation, maxUsers, 4000L + seed);
    List<EvalBatch> batches =
        new HoldoutSplit(chooseOn, judged).seedBatches(catalog, NEGATIVES, 2000L + seed);
    return new Validation(chooseOn, judged, catalog, batches);
  }

  static Map<Integer, Set<Integer>> sample(
      Map<Integer, Set<Integer>> byUser, int maxUsers, long seed) {
    if (maxUsers <= 0 || byUser.size() <= maxUsers) {
      return byUser;
    }
    List<Integer> users = new ArrayList<>(new TreeSet<>(byUser.keySet()));
    Collections.shuffle(users, new Random(seed));
    Map<Integer, Set<Integer>> out = new HashMap<>();
    for (int u : users.subList(0, maxUsers)) {
      out.put(u, byUser.get(u));
    }
    return out;
  }

  /** The sampled protocol's batches over the test items. */
  public List<EvalBatch> testBatches() {
    return new HoldoutSplit(seenAtTest, test).seedBatches(catalog, NEGATIVES, 3000L + seed);
  }
}
