package io.playloop.jobs.benchmark;

import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.evaluation.EvalBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The holdout protocol's split (Microsoft Recommenders' stratified random split): each user's
 * distinct items are shuffled and the first {@code ratio} of them go to train, the rest to test.
 */
public record HoldoutSplit(UserHistory train, Map<Integer, Set<Integer>> test) {

  /**
   * Splits {@code history} per user with {@code ratio} in train, reproducibly from {@code seed}.
   */
  public static HoldoutSplit perUser(UserHistory history, double ratio, long seed) {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("ratio must be between 0 and 1, got " + ratio);
    }
    Map<Integer, int[]> train = new HashMap<>();
    Map<Integer, Set<Integer>> test = new HashMap<>();
    List<Integer> users = new ArrayList<>(history.users());
    Collections.sort(users);
    Random random = new Random(seed);
    for (int u : users) {
      List<Integer> items = new ArrayList<>();
      for (int i : history.items(u)) {
        items.add(i);
      }
      Collections.sort(items);
      Collections.shuffle(items, random);
      int cut = (int) Math.round(items.size() * ratio);
      train.put(u, items.subList(0, cut).stream().mapToInt(Integer::intValue).toArray());
      Set<Integer> rest = new HashSet<>(items.subList(cut, items.size()));
      if (!rest.isEmpty()) {
        test.put(u, rest);
      }
    }
    return new HoldoutSplit(new UserHistory(train), test);
  }

  /**
   * Seed-protocol batches over the test items: each test positive with {@code negatives} items
   * drawn from {@code catalog} that the user never interacted with.
   */
  public List<EvalBatch> seedBatches(int[] catalog, int negatives, long seed) {
    Random random = new Random(seed);
    List<EvalBatch> out = new ArrayList<>();
    List<Integer> users = new ArrayList<>(test.keySet());
    Collections.sort(users);
    for (int u : users) {
      Set<Integer> seen = new HashSet<>(test.get(u));
      for (int i : train.items(u)) {
        seen.add(i);
      }
      if (catalog.length - seen.size() < negatives) {
        continue;
      }
      List<Integer> positives = new ArrayList<>(test.get(u));
      Collections.sort(positives);
      for (int p : positives) {
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < negatives) {
          int c = catalog[random.nextInt(catalog.length)];
          if (!seen.contains(c)) {
            chosen.add(c);
          }
        }
        int[] negs = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        out.add(new EvalBatch(u, p, negs));
      }
    }
    return out;
  }
}
