package io.playloop.jobs.train;

import static io.playloop.jobs.train.MovedTastes.CLUSTERS;
import static io.playloop.jobs.train.MovedTastes.CLUSTER_SIZE;
import static io.playloop.jobs.train.MovedTastes.cluster;
import static io.playloop.jobs.train.MovedTastes.newCluster;
import static io.playloop.jobs.train.MovedTastes.oldCluster;
import static io.playloop.jobs.train.MovedTastes.shuffled;
import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.core.registry.ModelEntry;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TopScored;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.store.ModelStore;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user whose taste moved: six old likes of one taste cluster in the bootstrap, two recent likes
 * of another. Trained with a profile half-life, the item model recommends the new taste first;
 * without one, the old taste's many likes still win. The similarities come from every user alike.
 */
class TrainProfileRecencyTest {
  private static final int USERS = 200;
  private static final LocalDate BOOTSTRAP = LocalDate.parse("2026-01-05");
  private static final LocalDate FEEDBACK = LocalDate.parse("2026-02-26");
  private static final String AS_OF = "2026-03-01";

  @TempDir Path lakeDir;

  @Test
  void aShortHalfLifeRanksTheRecentTasteFirstAndTheModelSaysWhichItUsed() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      writeLake();
      ModelStore store = new ModelStore(new Lake(SharedSpark.get(), lakeDir.toUri().toString()));
      ModelRegistry registry = new ModelRegistry(db.settings());

      JobResult recent = train(db, "r", "7");
      String version = (String) recent.details().get("chosen");
      ModelEntry entry = registry.find(version).orElseThrow();
      assertThat(entry.params()).containsEntry(ItemNeighbourModel.PROFILE_HALF_LIFE, 7.0);
      assertThat((String) recent.details().get("profile")).contains("every 7.0 days");
      Model profiled = store.load(version);

      Model plain = store.load((String) train(db, "p", "0").details().get("chosen"));
      assertThat(plain.params()).doesNotContainKey(ItemNeighbourModel.PROFILE_HALF_LIFE);

      int newTasteFirst = 0;
      int oldTasteFirst = 0;
      for (int u = 1; u <= USERS; u += 2) {
        if (cluster(top(profiled, u)) == newCluster(u)) {
          newTasteFirst++;
        }
        if (cluster(top(plain, u)) == oldCluster(u)) {
          oldTasteFirst++;
        }
      }
      int moved = USERS / 2;
      assertThat(newTasteFirst)
          .as("moved users whose first pick is their new taste")
          .isEqualTo(moved);
      assertThat(oldTasteFirst)
          .as("moved users whose first pick is their old taste without a profile")
          .isGreaterThan(moved * 9 / 10);
    }
  }

  private JobResult train(TestDatabase db, String prefix, String halfLife) throws Exception {
    return TestJobs.run(
        new TrainJob(),
        Map.of(
            "algorithms",
            "rp3beta",
            "budget",
            "1",
            "version-prefix",
            prefix,
            "window-days",
            "0",
            "as-of",
            AS_OF,
            "profile-half-life-days",
            halfLife),
        db,
        lakeDir);
  }

  /** The user's best playlist they have not liked. */
  private static int top(Model model, int user) {
    int[] catalog = new int[CLUSTERS * CLUSTER_SIZE];
    for (int p = 0; p < catalog.length; p++) {
      catalog[p] = p + 1;
    }
    float[] scores = model.score(user, catalog);
    for (int p : LIKED.getOrDefault(user, Set.of())) {
      scores[p - 1] = Float.NEGATIVE_INFINITY;
    }
    return TopScored.ids(catalog, scores, 1)[0];
  }

  private static final Map<Integer, Set<Integer>> LIKED = new HashMap<>();

  /**
   * Every user likes six playlists of their cluster in the bootstrap and two playlists of their
   * (new, for odd users) cluster in the recent feedback; one more recent playlist is their
   * validation positive.
   */
  private void writeLake() {
    Random r = new Random(11);
    List<Row> catalog = TrainingLake.catalog(CLUSTERS * CLUSTER_SIZE);
    List<Row> users = new ArrayList<>();
    List<Row> splits = new ArrayList<>();
    List<Row> blocks = new ArrayList<>();
    List<Row> batches = new ArrayList<>();
    Timestamp old = Timestamp.valueOf(BOOTSTRAP.atTime(9, 0));
    Timestamp recent = Timestamp.valueOf(FEEDBACK.atTime(9, 0));
    LIKED.clear();
    for (int u = 1; u <= USERS; u++) {
      users.add(RowFactory.create(u, false));
      List<Integer> before = shuffled(oldCluster(u), r);
      List<Integer> after = shuffled(newCluster(u), r);
      after.removeAll(before.subList(0, 6));
      Set<Integer> liked = new HashSet<>();
      for (int p : before.subList(0, 6)) {
        liked.add(p);
        splits.add(RowFactory.create(u, p, old, "train", "bootstrap"));
        blocks.add(
            RowFactory.create(u, p, new Integer[0], old, "bootstrap", Date.valueOf(BOOTSTRAP)));
      }
      for (int p : after.subList(0, 2)) {
        liked.add(p);
        splits.add(RowFactory.create(u, p, recent, "train", "feedback"));
        blocks.add(
            RowFactory.create(u, p, new Integer[0], recent, "feedback", Date.valueOf(FEEDBACK)));
      }
      LIKED.put(u, liked);
      int val = after.get(2);
      splits.add(RowFactory.create(u, val, recent, "val", "feedback"));
      batches.add(RowFactory.create(u, val, after.subList(3, 8).toArray(Integer[]::new)));
    }
    TrainingLake.write(lakeDir, catalog, users, splits, blocks, batches);
  }
}
