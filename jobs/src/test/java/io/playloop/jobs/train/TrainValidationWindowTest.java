package io.playloop.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.core.registry.ModelEntry;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.ValidationScope;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.score.ScoreJob;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model choice and the gate validate on the training window: in a lake whose old bootstrap
 * validation rewards popular playlists and whose recent feedback validation rewards each user's own
 * taste cluster, train chooses by the recent data, and falls back to all of it (saying so) when too
 * few users gave recent feedback.
 */
class TrainValidationWindowTest {
  private static final int USERS = 300;
  private static final int CLUSTERS = 4;
  private static final int CLUSTER_SIZE = 20;
  private static final int POPULAR = 10;
  private static final LocalDate BOOTSTRAP = LocalDate.parse("2026-01-05");
  private static final LocalDate FEEDBACK = LocalDate.parse("2026-02-20");
  private static final String AS_OF = "2026-03-01";

  @TempDir Path lakeDir;

  @Test
  void trainChoosesByRecentFeedbackAndTheGateSaysItValidatedOnTheWindow() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      writeLake();
      JobResult windowed = train(db, "w", "28", "200");
      ModelRegistry registry = new ModelRegistry(db.settings());
      ModelEntry chosen = registry.find((String) windowed.details().get("chosen")).orElseThrow();
      // The recent feedback rewards the users' own tastes: the personal model wins.
      assertThat(chosen.algorithm()).isEqualTo("ease");
      ValidationScope scope = chosen.metrics().validationData();
      assertThat(scope.since()).isEqualTo(LocalDate.parse("2026-02-02"));
      assertThat(scope.from()).isEqualTo(FEEDBACK);
      assertThat(scope.to()).isEqualTo(FEEDBACK);
      assertThat(scope.users()).isEqualTo(USERS);
      assertThat(scope.fallback()).isFalse();
      assertThat(windowed.details().get("validation_fallback")).isEqualTo(false);

      // The same lake without a window validates on the old bootstrap data too and chooses
      // differently: the window is what made the recent feedback count.
      JobResult all = train(db, "a", "0", "200");
      ModelEntry allChosen = registry.find((String) all.details().get("chosen")).orElseThrow();
      assertThat(allChosen.algorithm()).isEqualTo("popularity");
      assertThat(allChosen.metrics().validationData().since()).isNull();
      assertThat(allChosen.metrics().validationData().from()).isEqualTo(BOOTSTRAP);

      JobResult scored =
          TestJobs.run(
              new ScoreJob(),
              Map.of(
                  "version",
                  chosen.modelVersion(),
                  "candidates",
                  "catalog",
                  "window-days",
                  "28",
                  "as-of",
                  AS_OF),
              db,
              lakeDir);
      ValidationScope gate =
          registry.find(chosen.modelVersion()).orElseThrow().metrics().gate().validation();
      assertThat(gate).isEqualTo(scope);
      assertThat((String) scored.details().get("gate_validation"))
          .contains("since 2026-02-02", USERS + " users");
    }
  }

  @Test
  void tooFewUsersWithRecentFeedbackFallBackToAllValidationAndSaySo() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      writeLake();
      JobResult result = train(db, "f", "28", String.valueOf(USERS + 1));
      ModelEntry chosen =
          new ModelRegistry(db.settings())
              .find((String) result.details().get("chosen"))
              .orElseThrow();
      ValidationScope scope = chosen.metrics().validationData();
      assertThat(scope.fallback()).isTrue();
      assertThat(scope.since()).isEqualTo(LocalDate.parse("2026-02-02"));
      assertThat(scope.from()).isEqualTo(BOOTSTRAP);
      assertThat(scope.to()).isEqualTo(FEEDBACK);
      assertThat(result.details().get("validation_fallback")).isEqualTo(true);
      assertThat((String) result.details().get("validation")).contains("too few users since");
    }
  }

  private JobResult train(TestDatabase db, String prefix, String windowDays, String minUsers)
      throws Exception {
    return TestJobs.run(
        new TrainJob(),
        Map.of(
            "algorithms", "popularity,ease",
            "budget", "1",
            "version-prefix", prefix,
            "window-days", windowDays,
            "as-of", AS_OF,
            "validation-min-users", minUsers),
        db,
        lakeDir);
  }

  /**
   * Users like half of their cluster's playlists and two of ten playlists everyone likes. The
   * bootstrap validation holds one unseen popular playlist per user among their cluster's other
   * playlists (popularity ranks it first); the recent feedback validation one unseen playlist of
   * their cluster among the popular ones (only a personal model ranks it first).
   */
  private void writeLake() {
    Random r = new Random(5);
    int playlists = POPULAR + CLUSTERS * CLUSTER_SIZE;
    List<Row> catalog = TrainingLake.catalog(playlists);
    List<Row> users = new ArrayList<>();
    List<Row> splits = new ArrayList<>();
    List<Row> blocks = new ArrayList<>();
    List<Row> batches = new ArrayList<>();
    Timestamp old = Timestamp.valueOf(BOOTSTRAP.atTime(9, 0));
    Timestamp recent = Timestamp.valueOf(FEEDBACK.atTime(9, 0));
    for (int u = 1; u <= USERS; u++) {
      users.add(RowFactory.create(u, false));
      List<Integer> own = new ArrayList<>();
      int first = POPULAR + 1 + (u % CLUSTERS) * CLUSTER_SIZE;
      for (int p = first; p < first + CLUSTER_SIZE; p++) {
        own.add(p);
      }
      List<Integer> popular = new ArrayList<>();
      for (int p = 1; p <= POPULAR; p++) {
        popular.add(p);
      }
      Collections.shuffle(own, r);
      Collections.shuffle(popular, r);
      List<Integer> liked = new ArrayList<>(own.subList(0, CLUSTER_SIZE / 2));
      liked.addAll(popular.subList(0, 2));
      for (int p : liked) {
        splits.add(RowFactory.create(u, p, old, "train", "bootstrap"));
        blocks.add(
            RowFactory.create(
                u,
                p,
                new Integer[] {otherCluster(u, r)},
                old,
                "bootstrap",
                Date.valueOf(BOOTSTRAP)));
      }
      List<Integer> unseenOwn = own.subList(CLUSTER_SIZE / 2, CLUSTER_SIZE);
      List<Integer> unseenPopular = popular.subList(2, POPULAR);
      int oldPositive = unseenPopular.get(0);
      splits.add(RowFactory.create(u, oldPositive, old, "val", "bootstrap"));
      batches.add(
          RowFactory.create(u, oldPositive, unseenOwn.subList(1, 10).toArray(Integer[]::new)));
      int newPositive = unseenOwn.get(0);
      splits.add(RowFactory.create(u, newPositive, recent, "val", "feedback"));
      batches.add(
          RowFactory.create(u, newPositive, unseenPopular.subList(1, 8).toArray(Integer[]::new)));
    }
    TrainingLake.write(lakeDir, catalog, users, splits, blocks, batches);
  }

  private static int otherCluster(int user, Random r) {
    int cluster = (user % CLUSTERS + 1 + r.nextInt(CLUSTERS - 1)) % CLUSTERS;
    return POPULAR + 1 + cluster * CLUSTER_SIZE + r.nextInt(CLUSTER_SIZE);
  }
}
