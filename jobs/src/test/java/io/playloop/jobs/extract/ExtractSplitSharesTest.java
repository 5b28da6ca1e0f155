package io.playloop.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback at realistic volume: 600 users like one to three playlists per extraction, through three
 * extractions. Users 1..300 like exactly one each time. Each like's request was served the liked
 * playlist and four others; the like itself names two of them, the impression all four.
 */
class ExtractSplitSharesTest {
  private static final int USERS = 600;
  private static final int ONE_LIKE_USERS = 300;
  private static final int ROUNDS = 3;

  @TempDir static Path lakeDir;
  private static TestDatabase db;
  private static Lake lake;
  private static final Map<String, Set<Integer>> SHOWN = new HashMap<>();
  private static final Map<Integer, Set<Integer>> LIKED = new HashMap<>();
  private static final Map<String, Integer> ROUND_OF_LIKE = new HashMap<>();

  @BeforeAll
  static void threeExtractions() throws Exception {
    db = TestDatabase.create();
    lake = catalog(lakeDir);
    for (int round = 1; round <= ROUNDS; round++) {
      feedback(db, round);
      TestJobs.run(new ExtractJob(), Map.of("batch-date", batchDate(round)), db, lakeDir);
    }
  }

  @AfterAll
  static void cleanUp() {
    db.close();
  }

  /** Playlists 1..2000, owned by users outside the test's. */
  static Lake catalog(Path dir) {
    SparkSession spark = SharedSpark.get();
    Lake lake = new Lake(spark, dir.toUri().toString());
    List<Row> playlists =
        IntStream.rangeClosed(1, 2000)
            .mapToObj(p -> RowFactory.create(p, 10_000 + p, "playlist " + p, 10))
            .toList();
    lake.overwrite(
        LakeTable.PLAYLISTS, spark.createDataFrame(playlists, LakeTable.PLAYLISTS.schema()));
    return lake;
  }

  static String batchDate(int round) {
    return "2026-03-0" + (round + 1);
  }

  /** One round of likes, with the impressions of their requests. */
  static void feedback(TestDatabase db, int round) throws Exception {
    List<String> likes = new ArrayList<>();
    List<String> impressions = new ArrayList<>();
    for (int u = 1; u <= USERS; u++) {
      int perRound = u <= ONE_LIKE_USERS ? 1 : 1 + u % 3;
      for (int k = 0; k < perRound; k++) {
        // 101 is prime to 1000: a user's nine possible likes are distinct playlists.
        int liked = 1 + (u * 37 + ((round - 1) * 3 + k) * 101) % 1000;
        int[] shown = new int[4];
        for (int i = 0; i < 4; i++) {
          shown[i] = 1001 + (u * 13 + round * 7 + k * 5 + i * 211) % 1000;
        }
        String request = "r" + round + "-" + u + "-" + k;
        String at = String.format("2026-03-0%d 10:%02d:%02d+00", round, k, u % 60);
        likes.add(
            String.format(
                "(%d, %d, '{%d,%d}', '%s', '%s')", u, liked, shown[0], shown[1], request, at));
        impressions.add(
            String.format(
                "('%s', %d, 'm1', '{%d,%d,%d,%d,%d}', timestamptz '%s' - interval '1 minute')",
                request, u, shown[2], liked, shown[0], shown[3], shown[1], at));
        SHOWN.computeIfAbsent(u + "/" + liked, x -> new HashSet<>()).addAll(set(shown));
        LIKED.computeIfAbsent(u, x -> new HashSet<>()).add(liked);
        ROUND_OF_LIKE.put(u + "/" + liked, round);
      }
    }
    ExtractJobTest.execute(
        db,
        "INSERT INTO impressions (request_id, user_id, model_version, playlists, served_at) VALUES "
            + String.join(", ", impressions));
    ExtractJobTest.execute(
        db,
        "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id, created_at)"
            + " VALUES "
            + String.join(", ", likes));
  }

  private static Set<Integer> set(int[] values) {
    Set<Integer> s = new LinkedHashSet<>();
    for (int v : values) {
      s.add(v);
    }
    return s;
  }

  @Test
  void aboutTwentyPercentValidateAndTenPercentTestEvenWithOneLikePerExtraction() {
    List<Row> positives =
        lake.read(LakeTable.POSITIVES_SPLITS).where("source = 'feedback'").collectAsList();
    assertThat(positives).hasSize(LIKED.values().stream().mapToInt(Set::size).sum());
    Shares all = Shares.of(positives);
    assertThat(all.val()).isBetween(0.15, 0.25);
    assertThat(all.test()).isBetween(0.05, 0.15);
    Shares oneLike =
        Shares.of(positives.stream().filter(r -> r.getInt(0) <= ONE_LIKE_USERS).toList());
    assertThat(oneLike.n()).isEqualTo(ONE_LIKE_USERS * ROUNDS);
    assertThat(oneLike.val()).isBetween(0.15, 0.25);
    assertThat(oneLike.test()).isBetween(0.05, 0.15);
  }

  @Test
  void eachRunReportsItsPositivesBySplit() throws Exception {
    Map<String, Long> reported = new HashMap<>();
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT key, sum(value::bigint) FROM pipeline_runs,"
                        + " jsonb_each_text(details->'positives_by_split')"
                        + " WHERE job = 'extract' AND status = 'succeeded' GROUP BY key")) {
      while (rs.next()) {
        reported.put(rs.getString(1), rs.getLong(2));
      }
    }
    Map<String, Long> inLake = new HashMap<>();
    for (Row r :
        lake.read(LakeTable.POSITIVES_SPLITS)
            .where("source = 'feedback'")
            .groupBy("split")
            .count()
            .collectAsList()) {
      inLake.put(r.getString(0), r.getLong(1));
    }
    assertThat(reported).isEqualTo(inLake).containsKeys("train", "val", "test");
  }

  @Test
  void negativesStartWithWhatTheRequestShowedAndTheUserDidNotLike() {
    List<Row> batches = lake.read(LakeTable.VAL_EVAL_BATCHES).collectAsList();
    long valPositives =
        lake.read(LakeTable.POSITIVES_SPLITS)
            .where("source = 'feedback' AND split = 'val'")
            .count();
    assertThat(batches).hasSize((int) valPositives);
    for (Row b : batches) {
      int user = b.getInt(0);
      List<Integer> negatives = b.getList(2);
      // Never a playlist the user had liked by then (a later like may come up: it was unknown).
      int round = ROUND_OF_LIKE.get(user + "/" + b.getInt(1));
      assertThat(negatives)
          .hasSize(50)
          .doesNotHaveDuplicates()
          .noneMatch(p -> ROUND_OF_LIKE.getOrDefault(user + "/" + p, 99) <= round);
      // Two of the four came with the like, two more only from the request's impression.
      assertThat(new HashSet<>(negatives.subList(0, 4)))
          .isEqualTo(SHOWN.get(user + "/" + b.getInt(1)));
    }
    for (Row t : lake.read(LakeTable.TRIPLETS).collectAsList()) {
      assertThat(new HashSet<>(t.<Integer>getList(2)))
          .isEqualTo(SHOWN.get(t.getInt(0) + "/" + t.getInt(1)));
    }
  }

  @Test
  void aRerunOfAnExtractionWritesTheSameRows(@TempDir Path otherLake) throws Exception {
    try (TestDatabase other = TestDatabase.create()) {
      Lake again = catalog(otherLake);
      feedback(other, 1);
      TestJobs.run(new ExtractJob(), Map.of("batch-date", batchDate(1)), other, otherLake);
      assertThat(rows(again, "2026-03-01")).isNotEmpty().isEqualTo(rows(lake, "2026-03-01"));
    }
  }

  /** The lake's feedback rows of likes made on {@code day}, as sorted strings. */
  private static List<String> rows(Lake lake, String day) {
    List<String> out = new ArrayList<>();
    var positives =
        lake.read(LakeTable.POSITIVES_SPLITS).where("to_date(event_time) = DATE'" + day + "'");
    positives.collectAsList().forEach(r -> out.add("positive " + r));
    lake.read(LakeTable.TRIPLETS)
        .where("to_date(event_time) = DATE'" + day + "'")
        .collectAsList()
        .forEach(r -> out.add("block " + r.getInt(0) + " " + r.getInt(1) + " " + r.getList(2)));
    lake.read(LakeTable.VAL_EVAL_BATCHES)
        .join(
            positives.selectExpr("user_id", "playlist_id AS playlist_id_positive"),
            new String[] {"user_id", "playlist_id_positive"},
            "left_semi")
        .collectAsList()
        .forEach(r -> out.add("batch " + r.getInt(0) + " " + r.getInt(1) + " " + r.getList(2)));
    return out.stream().sorted().toList();
  }

  /** Split shares of some positives. */
  private record Shares(int n, double val, double test) {
    static Shares of(List<Row> positives) {
      long val = positives.stream().filter(r -> r.getString(3).equals("val")).count();
      long test = positives.stream().filter(r -> r.getString(3).equals("test")).count();
      return new Shares(
          positives.size(), val / (double) positives.size(), test / (double) positives.size());
    }
  }
}
