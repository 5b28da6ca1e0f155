package io.playloop.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.lake.SplitRule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractJobTest {
  private static final Map<String, String> OPTIONS = Map.of("batch-date", "2026-03-10");

  @TempDir static Path lakeDir;
  private static TestDatabase db;
  private static Lake lake;
  private static JobResult result;

  /** One world, extracted once: the tests below only read it (or extract again, adding nothing). */
  @BeforeAll
  static void world() throws Exception {
    db = TestDatabase.create();
    lake = seedLake(lakeDir);
    insertFeedback(db);
    result = TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);
  }

  @AfterAll
  static void cleanUp() {
    db.close();
  }

  /** User 3 likes playlists 60..79, each shown with 50..53. */
  static final List<Integer> USER3_LIKES = IntStream.rangeClosed(60, 79).boxed().toList();

  /** Feedback rows {@link #insertFeedback} writes: 7 of users 1 and 2, then user 3's likes. */
  static final int FEEDBACK_ROWS = 7 + USER3_LIKES.size();

  /** Playlists 1..100 (user 1 owns 1..5); user 1 already liked playlist 10 in the bootstrap. */
  static Lake seedLake(Path dir) {
    SparkSession spark = SharedSpark.get();
    Lake lake = new Lake(spark, dir.toUri().toString());
    List<Row> playlists =
        IntStream.rangeClosed(1, 100)
            .mapToObj(p -> RowFactory.create(p, p <= 5 ? 1 : 1000 + p, "playlist " + p, 10))
            .toList();
    lake.overwrite(
        LakeTable.PLAYLISTS, spark.createDataFrame(playlists, LakeTable.PLAYLISTS.schema()));
    Timestamp t = Timestamp.valueOf("2026-01-01 10:00:00");
    lake.overwrite(
        LakeTable.POSITIVES_SPLITS,
        spark.createDataFrame(
            List.of(RowFactory.create(1, 10, t, "train", "bootstrap")),
            LakeTable.POSITIVES_SPLITS.schema()));
    lake.overwrite(
        LakeTable.TRIPLETS,
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    1, 10, new int[] {60, 61, 62, 63}, t, "bootstrap", Date.valueOf("2026-01-01"))),
            LakeTable.TRIPLETS.schema()));
    return lake;
  }

  static void insertFeedback(TestDatabase db) throws Exception {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO feedback (user_id, like_playlist, other_playlists, created_at) VALUES"
                + " (1, 20, '{21,22,23,24}', '2026-03-09 10:00:00+00'),"
                + " (1, 20, '{25}', '2026-03-09 10:05:00+00'),"
                + " (1, 10, '{26}', '2026-03-09 10:06:00+00'),"
                + " (2, 30, '{}', '2026-03-09 11:00:00+00'),"
                + " (2, 31, '{32,32}', '2026-03-09 11:01:00+00'),"
                + " (2, 33, '{33}', '2026-03-09 11:02:00+00'),"
                + " (2, 999, '{34}', '2026-03-09 11:03:00+00')");
    for (int i = 0; i < USER3_LIKES.size(); i++) {
      sql.append(
          String.format(
              ", (3, %d, '{50,51,52,53}', '2026-03-09 12:%02d:00+00')", USER3_LIKES.get(i), i));
    }
    execute(db, sql.toString());
  }

  static void execute(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static List<Row> feedbackBlocks(Lake lake) {
    return lake.read(LakeTable.TRIPLETS)
        .where("source = 'feedback'")
        .orderBy("user_id", "playlist_id_positive")
        .collectAsList();
  }

  @Test
  void validFeedbackBecomesMergedUserBlocksWithShownNegativesFirst() throws Exception {
    List<Row> blocks = feedbackBlocks(lake);
    Row user1 = blocks.get(0);
    assertThat(user1.getInt(0)).isEqualTo(1);
    assertThat(user1.getInt(1)).isEqualTo(20);
    assertThat(user1.<Integer>getList(2)).containsExactlyInAnyOrder(21, 22, 23, 24, 25);
    assertThat(result.details()).containsEntry("merged_repeats", 1L);

    List<Row> user3 = blocks.stream().filter(r -> r.getInt(0) == 3).toList();
    assertThat(user3).hasSize(user3Likes(SplitRule.Split.TRAIN).size());
    for (Row r : user3) {
      assertThat(r.<Integer>getList(2)).containsExactlyInAnyOrder(50, 51, 52, 53);
      assertThat(r.getDate(5)).isEqualTo(Date.valueOf("2026-03-10"));
    }
  }

  @Test
  void invalidBlocksAreCountedByReasonAndKeptOut() throws Exception {
    assertThat(result.details())
        .containsEntry("empty_negatives", 1L)
        .containsEntry("duplicate_negatives", 1L)
        .containsEntry("positive_in_negatives", 1L)
        .containsEntry("unknown_playlist", 1L)
        .containsEntry("duplicate_pair", 1L);
    assertThat(feedbackBlocks(lake)).noneMatch(r -> r.getInt(0) == 2);
    assertThat(lake.read(LakeTable.POSITIVES_SPLITS).where("user_id = 1").count()).isEqualTo(2);
  }

  /** User 3's likes (in feedback order) that the split rule sends to {@code split}. */
  static List<Integer> user3Likes(SplitRule.Split split) {
    return USER3_LIKES.stream().filter(p -> SplitRule.of(3, p) == split).toList();
  }

  @Test
  void positivesSplitByTheSplitRuleAboutSeventyTwentyTen() throws Exception {
    List<Row> user3 = lake.read(LakeTable.POSITIVES_SPLITS).where("user_id = 3").collectAsList();
    assertThat(user3).hasSize(20);
    for (Row r : user3) {
      assertThat(r.getString(3)).isEqualTo(SplitRule.label(3, r.getInt(1)));
      assertThat(r.getString(4)).isEqualTo("feedback");
    }
    // 20 likes in one extraction: every split gets some (the shares at volume are checked by
    // ExtractSplitSharesTest).
    Map<String, Long> bySplit =
        user3.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    r -> r.getString(3), java.util.stream.Collectors.counting()));
    assertThat(bySplit.get("train")).isBetween(10L, 18L);
    assertThat(bySplit.get("val")).isBetween(2L, 7L);
    assertThat(bySplit.get("test")).isBetween(1L, 5L);
    assertThat(result.details().get("positives_by_split"))
        .isEqualTo(
            Map.of(
                "train",
                1L + bySplit.get("train"),
                "val",
                bySplit.get("val"),
                "test",
                bySplit.get("test")));
  }

  @Test
  void validationBatchesHoldFiftyNeverPositiveNegativesShownOnesFirst() throws Exception {
    List<Row> batches = lake.read(LakeTable.VAL_EVAL_BATCHES).collectAsList();
    assertThat(batches).hasSize(user3Likes(SplitRule.Split.VAL).size()).isNotEmpty();
    for (Row b : batches) {
      List<Integer> negatives = b.getList(2);
      assertThat(negatives).hasSize(50).doesNotHaveDuplicates();
      assertThat(negatives).noneMatch(USER3_LIKES::contains);
      // What the user was shown and did not like comes first, then sampled ones.
      assertThat(negatives.subList(0, 4)).containsExactlyInAnyOrder(50, 51, 52, 53);
    }
  }

  @Test
  void aSecondRunAddsNothingAndTheWatermarkIsCommitted() throws Exception {
    long blocks = lake.read(LakeTable.TRIPLETS).count();
    long positives = lake.read(LakeTable.POSITIVES_SPLITS).count();

    JobResult second = TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);

    assertThat(second.rowsOut()).isZero();
    assertThat(lake.read(LakeTable.TRIPLETS).count()).isEqualTo(blocks);
    assertThat(lake.read(LakeTable.POSITIVES_SPLITS).count()).isEqualTo(positives);
    assertThat(watermark(db)).isEqualTo(String.valueOf(FEEDBACK_ROWS));
  }

  static String watermark(TestDatabase db) throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT watermark FROM pipeline_runs WHERE job = 'extract'"
                        + " AND status = 'succeeded' ORDER BY id DESC LIMIT 1")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
