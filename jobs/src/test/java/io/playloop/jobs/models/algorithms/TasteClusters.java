package io.playloop.jobs.models.algorithms;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.evaluation.OfflineEvaluation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A small world with taste structure for ranker tests: users like mostly the items of their own
 * cluster (its low ids most), some at random; three of each user's items are held out.
 */
public record TasteClusters(UserHistory train, Map<Integer, Set<Integer>> heldOut, int[] catalog) {
  public static TasteClusters generate(int users, int items, int clusters, long seed) {
    Random r = new Random(seed);
    Map<Integer, int[]> train = new HashMap<>();
    Map<Integer, Set<Integer>> heldOut = new HashMap<>();
    int[] catalog = new int[items];
    for (int i = 0; i < items; i++) {
      catalog[i] = 1000 + i;
    }
    for (int u = 0; u < users; u++) {
      int c = u % clusters;
      Set<Integer> mine = new LinkedHashSet<>();
      while (mine.size() < 18) {
        if (r.nextDouble() < 0.85) {
          int k = (int) (items / clusters * Math.pow(r.nextDouble(), 1.5));
          mine.add(1000 + k * clusters + c);
        } else {
          mine.add(catalog[r.nextInt(items)]);
        }
      }
      List<Integer> all = new ArrayList<>(mine);
      Collections.shuffle(all, r);
      train.put(u, all.subList(0, 15).stream().mapToInt(Integer::intValue).toArray());
      heldOut.put(u, new HashSet<>(all.subList(15, 18)));
    }
    return new TasteClusters(new UserHistory(train), heldOut, catalog);
  }

  /** The model's holdout nDCG@10 on the held-out items. */
  public double ndcg(Model model) {
    return OfflineEvaluation.holdout(model, train, heldOut, catalog, OfflineEvaluation.K)
        .get("ndcg_at_10");
  }
}
