package io.playloop.jobs.score;

import static io.playloop.jobs.train.MovedTastes.CLUSTERS;
import static io.playloop.jobs.train.MovedTastes.CLUSTER_SIZE;
import static io.playloop.jobs.train.MovedTastes.cluster;
import static io.playloop.jobs.train.MovedTastes.newCluster;
import static io.playloop.jobs.train.MovedTastes.oldCluster;
import static io.playloop.jobs.train.MovedTastes.shuffled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.LakeWorld;
import io.playloop.jobs.models.ProfileRecency;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.train.TrainJob;
import io.playloop.jobs.train.TrainingLake;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingProfilesTest {
  private static final int USERS = 200;
  private static final LocalDate BOOTSTRAP = LocalDate.parse("2026-01-05");
  private static final LocalDate FEEDBACK = LocalDate.parse("2026-03-01");

  @TempDir Path lakeDir;

  @Test
  void aProfileWeighsEachPositiveByItsBatchKeepsTheNewestOfTwinsAndDropsUnknownItems() {
    IdIndex items = new IdIndex(new int[] {10, 20, 30});
    ProfileRecency recency = new ProfileRecency(LocalDate.parse("2026-03-15"), 7);
    Interactions p =
        ListingProfiles.profile(
            List.of(
                new LakeWorld.DatedPositive(5, 20, LocalDate.parse("2026-03-15")),
                new LakeWorld.DatedPositive(5, 10, LocalDate.parse("2026-03-01")),
                new LakeWorld.DatedPositive(5, 10, LocalDate.parse("2026-03-08")),
                new LakeWorld.DatedPositive(5, 99, LocalDate.parse("2026-03-15")),
                new LakeWorld.DatedPositive(3, 30, LocalDate.parse("2026-03-08"))),
            items,
            recency);
    assertThat(p.users().ids()).containsExactly(3, 5);
    assertThat(p.items()).isSameAs(items);
    int user5 = p.users().index(5);
    assertThat(p.matrix().end(user5) - p.matrix().start(user5)).isEqualTo(2);
    assertThat(p.matrix().index(p.matrix().start(user5))).isEqualTo(items.index(10));
    assertThat(p.matrix().value(p.matrix().start(user5))).isCloseTo(0.5f, within(1e-6f));
    assertThat(p.matrix().value(p.matrix().start(user5) + 1)).isCloseTo(1f, within(1e-6f));
    int user3 = p.users().index(3);
    assertThat(p.matrix().value(p.matrix().start(user3))).isCloseTo(0.5f, within(1e-6f));
  }

  /**
   * Moved users: six old likes of one cluster in the bootstrap, one recent train like and four
   * recent held-out likes (two val, two test) of another. With a 45-day half-life the old likes
   * (0.43 each) still outweigh the one train like, so the model as trained lists the old taste
   * first; listed from every positive, the new taste comes first. The gate and the model are the
   * same either way.
   */
  @Test
  void heldOutPositivesJoinTheListingProfilesOfItemModels() throws Exception {
    writeLake();
    try (TestDatabase db = TestDatabase.create()) {
      JobResult trained =
          TestJobs.run(
              new TrainJob(),
              Map.of(
                  "algorithms", "itemknn",
                  "budget", "1",
                  "window-days", "0",
                  "as-of", FEEDBACK.toString(),
                  "profile-half-life-days", "45"),
              db,
              lakeDir);
      String version = (String) trained.details().get("chosen");

      JobResult asTrained =
          TestJobs.run(
              new ScoreJob(),
              Map.of("version", version, "candidates", "catalog", "profile-held-out", "false"),
              db,
              lakeDir);
      assertThat(asTrained.details()).containsEntry("profiles", "as trained");
      int[] oldFirst = firstPicks(db, version);

      JobResult withHeldOut =
          TestJobs.run(
              new ScoreJob(), Map.of("version", version, "candidates", "catalog"), db, lakeDir);
      assertThat(withHeldOut.details())
          .containsEntry("profiles", "train and held-out (val, test) positives");
      int[] newFirst = firstPicks(db, version);

      int moved = 0;
      int oldTaste = 0;
      int newTaste = 0;
      for (int u = 1; u <= USERS; u += 2) {
        moved++;
        oldTaste += cluster(oldFirst[u]) == oldCluster(u) ? 1 : 0;
        newTaste += cluster(newFirst[u]) == newCluster(u) ? 1 : 0;
      }
      assertThat(oldTaste)
          .as("moved users listed from train only: old taste first")
          .isGreaterThanOrEqualTo(moved * 9 / 10);
      assertThat(newTaste)
          .as("moved users listed from every like: new taste first")
          .isGreaterThanOrEqualTo(moved * 9 / 10);
      // What the user already liked, held out or not, is never listed.
      for (int u = 1; u <= USERS; u++) {
        assertThat(HELD_OUT.get(u)).doesNotContain(newFirst[u]);
      }
    }
  }

  private static int[] firstPicks(TestDatabase db, String version) throws Exception {
    int[] first = new int[USERS + 1];
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT user_id, playlists[1] FROM recommendations WHERE model_version = ?")) {
      ps.setString(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          first[rs.getInt(1)] = rs.getInt(2);
        }
      }
    }
    return first;
  }

  private static final Map<Integer, List<Integer>> HELD_OUT = new java.util.HashMap<>();

  private void writeLake() {
    Random r = new Random(5);
    List<Row> catalog = TrainingLake.catalog(CLUSTERS * CLUSTER_SIZE);
    List<Row> users = new ArrayList<>();
    List<Row> splits = new ArrayList<>();
    List<Row> blocks = new ArrayList<>();
    List<Row> batches = new ArrayList<>();
    Timestamp old = Timestamp.valueOf(BOOTSTRAP.atTime(9, 0));
    Timestamp recent = Timestamp.valueOf(FEEDBACK.atTime(9, 0));
    HELD_OUT.clear();
    for (int u = 1; u <= USERS; u++) {
      users.add(RowFactory.create(u, false));
      List<Integer> before = shuffled(oldCluster(u), r);
      List<Integer> after = shuffled(newCluster(u), r);
      after.removeAll(before.subList(0, 6));
      for (int p : before.subList(0, 6)) {
        splits.add(RowFactory.create(u, p, old, "train", "bootstrap"));
        blocks.add(
            RowFactory.create(u, p, new Integer[0], old, "bootstrap", Date.valueOf(BOOTSTRAP)));
      }
      int p = after.get(0);
      splits.add(RowFactory.create(u, p, recent, "train", "feedback"));
      blocks.add(
          RowFactory.create(u, p, new Integer[0], recent, "feedback", Date.valueOf(FEEDBACK)));
      for (int k = 1; k <= 4; k++) {
        splits.add(RowFactory.create(u, after.get(k), recent, k <= 2 ? "val" : "test", "feedback"));
      }
      HELD_OUT.put(u, after.subList(1, 5));
      for (int k = 1; k <= 2; k++) {
        batches.add(
            RowFactory.create(u, after.get(k), after.subList(5, 10).toArray(Integer[]::new)));
      }
    }
    TrainingLake.write(lakeDir, catalog, users, splits, blocks, batches);
  }
}
