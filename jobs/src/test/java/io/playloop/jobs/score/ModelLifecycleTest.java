package io.playloop.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.core.registry.ModelStatus;
import io.playloop.core.registry.OfflineMetric;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.pairing.PairUsersJob;
import io.playloop.jobs.train.TrainJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * pair-users, train, score, the gate and promote on one small taste-cluster world (trained once for
 * the class: training is the slow part).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelLifecycleTest {
  private TestDatabase db;
  private Path lakeDir;
  private Lake lake;
  private TasteWorld world;
  private ModelRegistry registry;

  @BeforeAll
  void trainOnce() throws Exception {
    db = TestDatabase.create();
    lakeDir = Files.createTempDirectory("playloop-models-test");
    lake = new Lake(SharedSpark.get(), lakeDir.toUri().toString());
    world = TasteWorld.write(lake, 240, 300, 6, 7);
    registry = new ModelRegistry(db.settings());
    TestJobs.run(
        new PairUsersJob(), Map.of("version", "v1", "iterations", "5", "rank", "8"), db, lakeDir);
    TestJobs.run(
        new TrainJob(),
        Map.of(
            "algorithms", "popularity,als,ease,bpr",
            "budget", "1",
            "als-iterations", "5",
            "version-prefix", "t"),
        db,
        lakeDir);
  }

  @AfterAll
  void cleanUp() throws Exception {
    db.close();
    org.apache.commons.io.FileUtils.deleteDirectory(lakeDir.toFile());
  }

  @Test
  void trainedModelsBeatPopularityOnBothProtocols() {
    Map<OfflineMetric, Double> pop = validation("popularity");
    for (String algorithm : List.of("als", "ease", "bpr")) {
      Map<OfflineMetric, Double> m = validation(algorithm);
      assertThat(m.get(OfflineMetric.MRR))
          .as(algorithm + " mrr")
          .isGreaterThan(pop.get(OfflineMetric.MRR) + 0.05);
      assertThat(m.get(OfflineMetric.NDCG_AT_10))
          .as(algorithm + " ndcg")
          .isGreaterThan(pop.get(OfflineMetric.NDCG_AT_10) + 0.05);
    }
    var chosen = registry.all().stream().filter(e -> e.metrics().chosen()).toList();
    assertThat(chosen).hasSize(1);
    assertThat(chosen.get(0).algorithm()).isNotEqualTo("popularity");
    assertThat(registry.all())
        .allMatch(
            e ->
                e.status() == ModelStatus.CANDIDATE
                    || e.status() == ModelStatus.ACTIVE
                    || e.status() == ModelStatus.RETIRED);
  }

  @Test
  void pairingFindsNeighboursWhoseOwnedPlaylistsAreTheCandidates() {
    List<Row> rows = lake.read(LakeTable.USER_PAIRING).where("version = 'v1'").collectAsList();
    assertThat(rows).hasSizeGreaterThan(200);
    int sameCluster = 0;
    int total = 0;
    for (Row r : rows) {
      int user = r.getInt(r.fieldIndex("user_id"));
      List<Integer> neighbours = r.getList(r.fieldIndex("neighbor_ids"));
      List<Integer> candidates = r.getList(r.fieldIndex("candidate_playlists"));
      assertThat(neighbours).hasSizeBetween(1, 50).doesNotContain(user);
      assertThat(candidates).hasSizeLessThanOrEqualTo(75).doesNotHaveDuplicates();
      Set<Integer> ownedByNeighbours = new HashSet<>();
      neighbours.forEach(n -> ownedByNeighbours.addAll(world.ownedBy(n)));
      assertThat(ownedByNeighbours).containsAll(candidates);
      assertThat(Collections.disjoint(candidates, world.ownedBy(user))).isTrue();
      assertThat(Collections.disjoint(candidates, world.train.getOrDefault(user, Set.of())))
          .isTrue();
      if (neighbours.size() < 50) {
        assertThat(candidates).hasSizeGreaterThanOrEqualTo(20);
      }
      for (int n : neighbours) {
        total++;
        if (n % 6 == user % 6) {
          sameCluster++;
        }
      }
    }
    // Clusters are 1/6 of the users: taste neighbours are far more often from one's own.
    assertThat(sameCluster / (double) total).isGreaterThan(0.6);
  }

  @Test
  void scoringGateAndPromoteWorkTogether() throws Exception {
    String best = version("ease");
    String pop = version("popularity");

    JobResult first = TestJobs.run(new ScoreJob(), Map.of("version", best), db, lakeDir);
    assertThat(first.summary()).contains("no version is active");
    // A generated world's playlists have owners and its neighbours fill the lists: auto keeps them.
    assertThat(first.details()).containsEntry("candidates", "neighbours");
    assertThat((String) first.details().get("candidates_reason"))
        .startsWith("neighbours' candidates fill");
    assertThat(registry.active().orElseThrow().modelVersion()).isEqualTo(best);
    var scored = registry.find(best).orElseThrow().metrics();
    assertThat(scored.gate().passed()).isTrue();
    assertThat(scored.gate().metric()).isEqualTo(OfflineMetric.MRR);
    assertThat(scored.gate().value()).isPositive();
    assertThat(scored.validation(OfflineMetric.MRR)).isPositive();
    assertRecommendationsExcludeOwnedAndTrainPositives(best, false);

    // Popularity is clearly worse on the same validation data: the gate refuses it.
    JobResult worse =
        TestJobs.run(
            new ScoreJob(),
            Map.of("version", pop, "candidates", "catalog", "top-n", "60"),
            db,
            lakeDir);
    assertThat(worse.summary()).contains(pop + " stays a candidate").contains("<");
    assertThat(worse.details()).containsEntry("candidates", "catalog");
    assertThat(registry.active().orElseThrow().modelVersion()).isEqualTo(best);
    assertThat(registry.find(pop).orElseThrow().status()).isEqualTo(ModelStatus.CANDIDATE);
    assertRecommendationsExcludeOwnedAndTrainPositives(pop, true);

    // promote makes any scored version active; promoting the old one back is the rollback.
    TestJobs.run(new PromoteJob(), Map.of("version", pop), db, lakeDir);
    assertThat(registry.active().orElseThrow().modelVersion()).isEqualTo(pop);
    assertThat(registry.find(best).orElseThrow().status()).isEqualTo(ModelStatus.RETIRED);
    TestJobs.run(new PromoteJob(), Map.of("version", best), db, lakeDir);
    assertThat(registry.active().orElseThrow().modelVersion()).isEqualTo(best);
    assertThat(activeCount()).isEqualTo(1);

    String unscored = version("als");
    assertThatThrownBy(
            () -> TestJobs.run(new PromoteJob(), Map.of("version", unscored), db, lakeDir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("run score --version " + unscored);
    assertThatThrownBy(() -> TestJobs.run(new PromoteJob(), Map.of("version", "nope"), db, lakeDir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no model version 'nope'");

    // The active version's files gone from this lake (another lake shares the database, or they
    // were removed): the gate cannot compare, says so, and the candidate goes live.
    Path activeDir = lakeDir.resolve("models").resolve(best);
    Path aside = lakeDir.resolve("aside-" + best);
    Files.move(activeDir, aside);
    try {
      JobResult unmatched =
          TestJobs.run(
              new ScoreJob(), Map.of("version", pop, "candidates", "catalog"), db, lakeDir);
      assertThat(unmatched.summary())
          .contains("the active version " + best + " is not in the lake")
          .contains(pop + " becomes active");
      assertThat(registry.active().orElseThrow().modelVersion()).isEqualTo(pop);
      assertThat(registry.find(pop).orElseThrow().metrics().gate().activeValue()).isNull();
    } finally {
      Files.move(aside, activeDir);
    }
    TestJobs.run(new PromoteJob(), Map.of("version", best), db, lakeDir);
  }

  private void assertRecommendationsExcludeOwnedAndTrainPositives(String version, boolean catalog)
      throws Exception {
    List<Row> lakeRows = lake.read(LakeTable.recommendationsPath(version)).collectAsList();
    assertThat(lakeRows).isNotEmpty();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT user_id, playlists, scores FROM recommendations WHERE model_version = '"
                        + version
                        + "'")) {
      int n = 0;
      while (rs.next()) {
        n++;
        int user = rs.getInt(1);
        Integer[] playlists = (Integer[]) rs.getArray(2).getArray();
        Float[] scores = (Float[]) rs.getArray(3).getArray();
        assertThat(playlists).hasSameSizeAs(scores).doesNotHaveDuplicates();
        List<Integer> recommended = List.of(playlists);
        assertThat(Collections.disjoint(recommended, world.ownedBy(user))).isTrue();
        assertThat(Collections.disjoint(recommended, world.train.getOrDefault(user, Set.of())))
            .isTrue();
        assertThat(world.cold).doesNotContain(user);
        // Neighbours' candidates that run short are topped up with popular playlists.
        assertThat(playlists).hasSize(catalog ? 60 : 50);
        for (int i = 1; i < scores.length; i++) {
          assertThat(scores[i]).isLessThanOrEqualTo(scores[i - 1]);
        }
      }
      assertThat(n).isEqualTo(lakeRows.size());
    }
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM popular_playlists WHERE model_version = '"
                        + version
                        + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(100);
    }
  }

  private int activeCount() throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM models WHERE status = 'active'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private String version(String algorithm) {
    return registry.all().stream()
        .filter(e -> e.algorithm().equals(algorithm))
        .findFirst()
        .orElseThrow()
        .modelVersion();
  }

  private Map<OfflineMetric, Double> validation(String algorithm) {
    var e = registry.find(version(algorithm)).orElseThrow();
    return e.metrics().validation();
  }
}
