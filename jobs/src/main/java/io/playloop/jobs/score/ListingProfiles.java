package io.playloop.jobs.score;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ProfileRecency;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profiles score lists users from. A model scoring users from their positives (the item models)
 * learned its profiles from the train split only, so that train's choice and the gate can judge it
 * on the held-out splits. The lists served are better for every like the user gave: here the
 * profile holds the val and test positives too, weighed by the model's recency half-life by the
 * batch that brought them. The gate still judges the model as trained.
 */
final class ListingProfiles {
  private ListingProfiles() {}

  /** What lists the users: {@code model} with every positive in its profile, when it can. */
  static Model withHeldOut(Model model, LakeWorld world) {
    if (!(model instanceof ItemNeighbourModel m)) {
      return model;
    }
    List<LakeWorld.DatedPositive> all = world.datedPositives();
    if (all == null || all.isEmpty()) {
      return model;
    }
    LocalDate newest = all.get(0).batchDate();
    for (LakeWorld.DatedPositive p : all) {
      newest = p.batchDate().isAfter(newest) ? p.batchDate() : newest;
    }
    // Weights relative to the newest batch: a common factor apart, the ones train used.
    return m.withPositives(
        profile(all, m.positives().items(), new ProfileRecency(newest, m.profileHalfLifeDays())));
  }

  /**
   * Each user's positives over {@code items} (others have no neighbours to add), a positive seen
   * twice weighing its newest.
   */
  static Interactions profile(
      List<LakeWorld.DatedPositive> positives, IdIndex items, ProfileRecency recency) {
    Map<Integer, Map<Integer, Float>> byUser = new TreeMap<>();
    for (LakeWorld.DatedPositive p : positives) {
      int j = items.index(p.playlist());
      if (j < 0) {
        continue;
      }
      byUser
          .computeIfAbsent(p.user(), u -> new HashMap<>())
          .merge(j, recency.weight(p.batchDate()), Math::max);
    }
    int[] userIds = byUser.keySet().stream().mapToInt(Integer::intValue).toArray();
    int[] starts = new int[userIds.length + 1];
    int nonZeros = byUser.values().stream().mapToInt(Map::size).sum();
    int[] indices = new int[nonZeros];
    float[] values = new float[nonZeros];
    int at = 0;
    int r = 0;
    for (Map<Integer, Float> row : byUser.values()) {
      for (Map.Entry<Integer, Float> e : new TreeMap<>(row).entrySet()) {
        indices[at] = e.getKey();
        values[at] = e.getValue();
        at++;
      }
      starts[++r] = at;
    }
    return new Interactions(
        new IdIndex(userIds),
        items,
        new CsrMatrix(userIds.length, items.size(), starts, indices, values));
  }
}
