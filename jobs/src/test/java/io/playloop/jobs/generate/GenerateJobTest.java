package io.playloop.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.Main;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.SplitRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * generate on a small world where every user scores the whole catalog (the generator's process
 * without sampling), so each property can be checked against the ground truth.
 */
class GenerateJobTest {
  static final Map<String, String> OPTIONS =
      Map.of(
          "users", "300",
          "playlists", "600",
          "songs", "3000",
          "seed", "7",
          "batch-date", "2026-01-15",
          "owner-cap", "10");

  static TestDatabase db;
  static Path lakeDir;
  static JobResult result;
  static GeneratedWorld world;

  @BeforeAll
  static void generate() throws Exception {
    db = TestDatabase.create();
    lakeDir = Files.createTempDirectory("generate-test");
    result = TestJobs.run(new GenerateJob(), OPTIONS, db, lakeDir);
    world = new GeneratedWorld(lake(lakeDir));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    db.close();
    org.apache.commons.io.FileUtils.deleteDirectory(lakeDir.toFile());
  }

  static Lake lake(Path dir) {
    JobContext c = TestJobs.context("generate", Map.of(), db, dir);
    return c.lake();
  }

  @Test
  void eachUserLikesTheTopOnePointFivePercentOfTheCatalogByTrueScore() {
    Map<Integer, Set<Integer>> liked = world.likedBy();
    assertThat(liked.keySet()).isEqualTo(world.users);
    for (int u : world.users) {
      List<Integer> ranked = world.ranked(u);
      int expected = (int) Math.round(0.015 * ranked.size());
      assertThat(liked.get(u)).as("likes of user %d", u).hasSize(expected);
      assertThat(liked.get(u)).isEqualTo(new HashSet<>(ranked.subList(0, expected)));
    }
  }

  @Test
  void groundTruthLikesCarryTheTrueScores() {
    assertThat(world.likes).hasSameSizeAs(world.positives);
    for (Row r : world.likes) {
      assertThat(r.getDouble(2)).isCloseTo(world.score(r.getInt(0), r.getInt(1)), within());
    }
  }

  @Test
  void positivesSplitSeventyTwentyTenByTheSplitRuleInsideTheBatchDate() {
    Instant dayStart = Instant.parse("2026-01-15T00:00:00Z");
    Map<String, Long> bySplit = new HashMap<>();
    int usersWithValidation = 0;
    int warmUsers = 0;
    for (var e : world.positivesBy().entrySet()) {
      List<Row> rows = e.getValue();
      rows.forEach(
          r ->
              assertThat(r.<Timestamp>getAs(2).toInstant())
                  .isAfterOrEqualTo(dayStart)
                  .isBefore(dayStart.plusSeconds(86_400)));
      rows.forEach(r -> assertThat(r.getString(4)).isEqualTo("bootstrap"));
      if (world.cold.contains(e.getKey())) {
        assertThat(rows).allMatch(r -> r.getString(3).equals("test"));
        continue;
      }
      warmUsers++;
      for (Row r : rows) {
        assertThat(r.getString(3)).isEqualTo(SplitRule.label(r.getInt(0), r.getInt(1)));
        bySplit.merge(r.getString(3), 1L, Long::sum);
      }
      if (rows.stream().anyMatch(r -> r.getString(3).equals("val"))) {
        usersWithValidation++;
      }
    }
    // The rule decides each pair alone: the shares hold over all users, not exactly per user.
    double n = bySplit.values().stream().mapToLong(Long::longValue).sum();
    assertThat(bySplit.get("train") / n).isCloseTo(0.7, within(0.04));
    assertThat(bySplit.get("val") / n).isCloseTo(0.2, within(0.04));
    assertThat(bySplit.get("test") / n).isCloseTo(0.1, within(0.03));
    // Nine likes each: all but a few users (0.8^9 = 13%) have validation data.
    assertThat(usersWithValidation).isGreaterThan(warmUsers * 3 / 4);
  }

  @Test
  void everyPlaylistHasOneOwnerAndNoOwnerExceedsTheCap() {
    assertThat(world.owner).hasSize(600);
    Map<Integer, Long> perOwner =
        world.owner.values().stream().collect(Collectors.groupingBy(u -> u, Collectors.counting()));
    assertThat(perOwner.keySet()).allMatch(world.users::contains);
    assertThat(perOwner.values()).allMatch(c -> c <= 10);
    // The cap binds in this world: the best owner candidates (small libraries) fill up.
    assertThat(perOwner.values().stream().filter(c -> c == 10).count()).isGreaterThan(10);
  }

  @Test
  void ownersAreChosenByTheSeedsOwnerScoreNotAtRandom() {
    List<Integer> users = world.users.stream().sorted().toList();
    int better = 0;
    for (var e : world.owner.entrySet()) {
      int other = users.get(Math.floorMod(e.getKey() * 7919 + 13, users.size()));
      if (ownerScore(e.getValue(), e.getKey()) > ownerScore(other, e.getKey())) {
        better++;
      }
    }
    assertThat(better).isGreaterThan(world.owner.size() * 9 / 10);
  }

  private static double ownerScore(int user, int playlist) {
    return world.score(user, playlist) / Math.sqrt(world.library.get(user).size());
  }

  @Test
  void ownedPlaylistsAreNeverPositivesNorNegatives() {
    for (Row r : world.positives) {
      assertThat(world.owner.get(r.getInt(1))).isNotEqualTo(r.getInt(0));
    }
    for (Row r : world.triplets) {
      for (int n : r.<Integer>getList(2)) {
        assertThat(world.owner.get(n)).isNotEqualTo(r.getInt(0));
      }
    }
    for (Row r : world.valBatches) {
      for (int n : r.<Integer>getList(2)) {
        assertThat(world.owner.get(n)).isNotEqualTo(r.getInt(0));
      }
    }
  }

  @Test
  void eachTrainPositiveGetsTwoHardAndTwoEasyValidNegatives() {
    Map<Integer, Set<Integer>> liked = world.likedBy();
    Set<String> trainPositives =
        world.positives.stream()
            .filter(r -> r.getString(3).equals("train"))
            .map(r -> r.getInt(0) + ":" + r.getInt(1))
            .collect(Collectors.toSet());
    Set<String> blockKeys = new HashSet<>();
    Map<Integer, Set<Integer>> hardZone = new HashMap<>();
    for (Row r : world.triplets) {
      int u = r.getInt(0);
      int positive = r.getInt(1);
      List<Integer> negatives = r.getList(2);
      assertThat(blockKeys.add(u + ":" + positive)).as("one block per positive").isTrue();
      assertThat(negatives).hasSize(4).doesNotHaveDuplicates().doesNotContain(positive);
      assertThat(negatives).noneMatch(liked.get(u)::contains);
      Set<Integer> top20 =
          hardZone.computeIfAbsent(
              u,
              k -> {
                List<Integer> ranked = world.ranked(k);
                return new HashSet<>(ranked.subList(0, (int) Math.ceil(0.2 * ranked.size())));
              });
      assertThat(top20)
          .as("hard negatives of user %d", u)
          .contains(negatives.get(0), negatives.get(1));
      assertThat(r.getString(4)).isEqualTo("bootstrap");
      assertThat(r.<java.sql.Date>getAs(5).toLocalDate()).isEqualTo(LocalDate.of(2026, 1, 15));
    }
    assertThat(blockKeys).isEqualTo(trainPositives);
  }

  @Test
  void validationBatchesHaveFiftyNegativesNeverPositiveForTheUser() {
    Map<Integer, Set<Integer>> liked = world.likedBy();
    Set<String> valPositives =
        world.positives.stream()
            .filter(r -> r.getString(3).equals("val"))
            .map(r -> r.getInt(0) + ":" + r.getInt(1))
            .collect(Collectors.toSet());
    Set<String> batchKeys = new HashSet<>();
    for (Row r : world.valBatches) {
      List<Integer> negatives = r.getList(2);
      batchKeys.add(r.getInt(0) + ":" + r.getInt(1));
      assertThat(negatives).hasSize(50).doesNotHaveDuplicates();
      assertThat(negatives).noneMatch(liked.get(r.getInt(0))::contains);
    }
    assertThat(batchKeys).hasSameSizeAs(world.valBatches).isEqualTo(valPositives);
    assertThat(valPositives).isNotEmpty();
  }

  @Test
  void fivePercentOfUsersAreColdAndHaveNoTrainingData() {
    assertThat(world.cold).hasSize(15);
    assertThat(world.triplets).noneMatch(r -> world.cold.contains(r.getInt(0)));
    assertThat(world.valBatches).noneMatch(r -> world.cold.contains(r.getInt(0)));
    assertThat(world.positives)
        .filteredOn(r -> world.cold.contains(r.getInt(0)))
        .isNotEmpty()
        .allMatch(r -> r.getString(3).equals("test"));
  }

  @Test
  void popularityCountsTrainPositives() {
    Map<Integer, Long> expected =
        world.positives.stream()
            .filter(r -> r.getString(3).equals("train"))
            .collect(Collectors.groupingBy(r -> r.getInt(1), Collectors.counting()));
    Map<Integer, Long> actual =
        world.popularity.stream().collect(Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1)));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void thePlaylistsTableMatchesTheCatalogWithReadableNames() throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT playlist_id, owner_user_id, name FROM playlists")) {
      int n = 0;
      while (rs.next()) {
        n++;
        assertThat(rs.getInt(2)).isEqualTo(world.owner.get(rs.getInt(1)));
        assertThat(rs.getString(3)).isEqualTo(world.name.get(rs.getInt(1))).matches("[A-Z].* .*");
      }
      assertThat(n).isEqualTo(600);
    }
  }

  @Test
  void theSummaryCountsRowsPerDataset() {
    assertThat(result.summary())
        .contains(
            "catalog/playlists=600", "catalog/users=300", "triplets_data=" + world.triplets.size())
        .contains("val_eval_batches=" + world.valBatches.size());
    assertThat(result.rowsOut()).isGreaterThan(world.positives.size());
  }

  @Test
  void rerunningWithTheSameSeedReplacesWithTheSameWorld() throws Exception {
    Map<String, List<String>> before = GeneratedWorld.snapshot(lake(lakeDir));
    TestJobs.run(new GenerateJob(), OPTIONS, db, lakeDir);
    assertThat(GeneratedWorld.snapshot(lake(lakeDir))).isEqualTo(before);
  }

  @Test
  void aLargerCatalogIsSampledToTheCandidateBudget() throws Exception {
    Path other = Files.createTempDirectory("generate-sampled");
    try {
      Map<String, String> options = new HashMap<>(OPTIONS);
      options.putAll(
          Map.of(
              "users",
              "100",
              "candidates",
              "200",
              "random-candidates",
              "50",
              "seed",
              "8",
              "owner-cap",
              "10"));
      TestJobs.run(new GenerateJob(), options, db, other);
      GeneratedWorld sampled = new GeneratedWorld(lake(other));
      assertThat(sampled.likedBy().values()).allMatch(s -> s.size() == 3);
      // Liked playlists come out of 200 candidates, so they rank high in the whole catalog too.
      double meanRank =
          sampled.positives.stream()
              .mapToInt(r -> sampled.ranked(r.getInt(0)).indexOf(r.getInt(1)))
              .average()
              .orElseThrow();
      assertThat(meanRank).isLessThan(60);
      assertThat(sampled.triplets).allMatch(r -> r.getList(2).size() == 4);
    } finally {
      org.apache.commons.io.FileUtils.deleteDirectory(other.toFile());
    }
  }

  @Test
  void helpListsTheOptions() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(new String[] {"generate", "--help"})).isZero();
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--users", "--playlists", "--songs", "--seed", "--batch-date", "--owner-cap");
  }

  @Test
  void aBadOptionFailsTheRunBeforeAnythingIsWritten() throws Exception {
    Path empty = Files.createTempDirectory("generate-bad");
    try {
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      new GenerateJob(), Map.of("users", "10", "owner-cap", "1"), db, empty))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--owner-cap");
      try (var files = Files.list(empty)) {
        assertThat(files).isEmpty();
      }
    } finally {
      org.apache.commons.io.FileUtils.deleteDirectory(empty.toFile());
    }
  }

  @Test
  void badOptionsAreRefusedWithAClearMessage() {
    var config = TestJobs.context("generate", Map.of(), db, lakeDir).config();
    assertThatThrownBy(() -> GenerateOptions.read(Map.of("users", "0"), config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--users");
    assertThatThrownBy(() -> GenerateOptions.read(Map.of("batch-date", "15/01/2026"), config))
        .hasMessageContaining("--batch-date");
    assertThatThrownBy(
            () ->
                GenerateOptions.read(
                    Map.of("users", "10", "playlists", "2000", "owner-cap", "100"), config))
        .hasMessageContaining("--owner-cap");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return within(1e-9);
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
