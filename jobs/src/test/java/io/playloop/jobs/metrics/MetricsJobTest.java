package io.playloop.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dashboard metric against a small hand-built case, with each invalid-block reason. */
class MetricsJobTest {
  @TempDir static Path lakeDir;
  static TestDatabase db;

  @BeforeAll
  static void buildCaseAndRun() throws Exception {
    db = TestDatabase.create();
    var spark = SharedSpark.get();
    List<Row> blocks =
        List.of(
            block(1, 10, new int[] {11, 12}, "2026-01-01 01:00:00", "bootstrap", "2026-01-01"),
            block(1, 10, new int[] {13, 14}, "2026-01-01 02:00:00", "bootstrap", "2026-01-01"),
            block(1, 20, new int[] {}, "2026-01-01 03:00:00", "bootstrap", "2026-01-01"),
            block(2, 30, new int[] {31, 31}, "2026-01-01 04:00:00", "bootstrap", "2026-01-01"),
            block(2, 40, new int[] {40, 41}, "2026-01-01 05:00:00", "bootstrap", "2026-01-01"),
            block(3, 50, new int[] {51, 52}, "2026-01-02 01:00:00", "feedback", "2026-01-02"));
    new Lake(spark, lakeDir.toUri().toString())
        .overwrite(LakeTable.TRIPLETS, spark.createDataFrame(blocks, LakeTable.TRIPLETS.schema()));

    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO feedback (user_id, like_playlist, other_playlists, request_id,"
              + " model_version, created_at) VALUES"
              + " (1, 100, '{101,102,103,104}', 'r1', 'v1', '2026-03-01 10:00:00+00'),"
              + " (1, 200, '{201}', NULL, NULL, '2026-03-01 11:00:00+00'),"
              + " (2, 300, '{300}', NULL, NULL, '2026-03-01 12:00:00+00'),"
              + " (1, 100, '{105}', 'r3', 'v1', '2026-03-02 10:00:00+00'),"
              + " (3, 7, '{8,8}', NULL, NULL, '2026-03-02 11:00:00+00'),"
              + " (4, 9, '{10}', NULL, NULL, '2026-03-10 11:00:00+00'),"
              // Exploration: r4 explored position 5 (liked there, through a tagged request id),
              // r5 explored position 5 (liked at 1), r6 did not explore (liked at 2).
              + " (5, 500, '{1}', 'r4.tag', 'v1', '2026-03-03 10:00:00+00'),"
              + " (6, 600, '{2}', 'r5', 'v1', '2026-03-03 10:00:00+00'),"
              + " (7, 700, '{1}', 'r6', 'v1', '2026-03-03 10:00:00+00')");
      st.execute(
          "INSERT INTO impressions (request_id, user_id, model_version, playlists, served_at)"
              + " VALUES ('r1', 1, 'v1', '{101,100,102,103,104}', '2026-03-01 09:59:00+00'),"
              + " ('r2', 1, 'v2', '{200,1,2,3,4}', '2026-03-01 10:30:00+00'),"
              + " ('r0', 1, 'v2', '{5,6,200,7,8}', '2026-03-01 08:00:00+00'),"
              + " ('r3', 1, 'v1', '{1,2,3,4,5}', '2026-03-02 09:59:00+00')");
      st.execute(
          "INSERT INTO impressions (request_id, user_id, model_version, playlists, served_at,"
              + " explored_positions, propensities) VALUES"
              + " ('r4', 5, 'v1', '{1,2,3,4,500}', '2026-03-03 09:59:00+00', '{5}', '{0.05}'),"
              + " ('r5', 6, 'v1', '{600,2,3,4,9}', '2026-03-03 09:59:00+00', '{5}', '{0.02}'),"
              + " ('r6', 7, 'v1', '{1,700,3,4,5}', '2026-03-03 09:59:00+00', '{}', '{}')");
      st.execute(
          "INSERT INTO pipeline_runs (job, started_at, finished_at, status) VALUES"
              + " ('train', '2026-03-05 00:00:00+00', '2026-03-05 01:00:00+00', 'succeeded'),"
              + " ('train', '2026-03-11 00:00:00+00', NULL, 'failed')");
    }
    TestJobs.run(
        new MetricsJob(), Map.of("day", "2026-03-10", "retrain-threshold", "500"), db, lakeDir);
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  private static Row block(
      int user, int positive, int[] negatives, String time, String source, String batch) {
    return RowFactory.create(
        user, positive, negatives, Timestamp.valueOf(time), source, Date.valueOf(batch));
  }

  private static double value(String table, String day, String metric, String segment)
      throws Exception {
    try (Connection c = db.connect();
        var ps =
            c.prepareStatement(
                "SELECT value FROM "
                    + table
                    + " WHERE day = ?::date AND metric = ? AND segment = ?")) {
      ps.setString(1, day);
      ps.setString(2, metric);
      ps.setString(3, segment);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as(table + " " + day + " " + metric + " " + segment).isTrue();
        return rs.getDouble(1);
      }
    }
  }

  private static double training(String metric, String segment) throws Exception {
    return value("dashboard_training", "2026-03-10", metric, segment);
  }

  private static double feedback(String day, String metric) throws Exception {
    return value("dashboard_feedback", day, metric, "");
  }

  @Test
  void trainingBoardCountsUsersBlocksAndEachInvalidReason() throws Exception {
    assertThat(training("distinct_users", "")).isEqualTo(3);
    assertThat(training("user_blocks", "")).isEqualTo(6);
    assertThat(training("avg_blocks_per_user", "")).isEqualTo(2.0);
    assertThat(training("invalid_blocks", "")).isEqualTo(4);
    assertThat(training("invalid_blocks", "duplicate_pair")).isEqualTo(1);
    assertThat(training("invalid_blocks", "empty_negatives")).isEqualTo(1);
    assertThat(training("invalid_blocks", "duplicate_negatives")).isEqualTo(1);
    assertThat(training("invalid_blocks", "positive_in_negatives")).isEqualTo(1);
    assertThat(value("dashboard_training", "2026-01-01", "user_blocks_in_batch", "bootstrap"))
        .isEqualTo(5);
    assertThat(value("dashboard_training", "2026-01-02", "user_blocks_in_batch", "feedback"))
        .isEqualTo(1);
  }

  @Test
  void feedbackBoardCountsVolumesAndUsersPerDay() throws Exception {
    assertThat(feedback("2026-03-01", "feedback_volume")).isEqualTo(3);
    assertThat(feedback("2026-03-01", "daily_users")).isEqualTo(2);
    assertThat(feedback("2026-03-02", "daily_users")).isEqualTo(2);
    assertThat(feedback("2026-03-01", "cumulative_feedback")).isEqualTo(3);
    assertThat(feedback("2026-03-02", "cumulative_feedback")).isEqualTo(5);
    assertThat(feedback("2026-03-10", "cumulative_feedback")).isEqualTo(9);
    assertThat(feedback("2026-03-02", "distinct_users")).isEqualTo(3);
    assertThat(feedback("2026-03-10", "distinct_users")).isEqualTo(7);
    assertThat(feedback("2026-03-02", "weekly_users")).isEqualTo(3);
    assertThat(feedback("2026-03-10", "weekly_users")).isEqualTo(1);
  }

  @Test
  void powerUserSharesAreTheTopUsersPartOfTheDay() throws Exception {
    // 2026-03-01: user 1 gave 2 of 3; with 2 users the top 1% and top 10% are one user each.
    assertThat(value("dashboard_feedback", "2026-03-01", "power_user_share", "top1"))
        .isCloseTo(2.0 / 3, within(1e-9));
    assertThat(value("dashboard_feedback", "2026-03-01", "power_user_share", "top10"))
        .isCloseTo(2.0 / 3, within(1e-9));
    assertThat(value("dashboard_feedback", "2026-03-02", "power_user_share", "top1"))
        .isEqualTo(0.5);
  }

  @Test
  void feedbackInvalidBlocksAreCountedByReason() throws Exception {
    assertThat(feedback("2026-03-01", "invalid_blocks")).isEqualTo(1);
    assertThat(value("dashboard_feedback", "2026-03-01", "invalid_blocks", "positive_in_negatives"))
        .isEqualTo(1);
    assertThat(feedback("2026-03-02", "invalid_blocks")).isEqualTo(2);
    assertThat(value("dashboard_feedback", "2026-03-02", "invalid_blocks", "duplicate_pair"))
        .isEqualTo(1);
    assertThat(value("dashboard_feedback", "2026-03-02", "invalid_blocks", "duplicate_negatives"))
        .isEqualTo(1);
    assertThat(value("dashboard_feedback", "2026-03-02", "invalid_blocks", "empty_negatives"))
        .isEqualTo(0);
  }

  @Test
  void feedbackScoreIsTheReciprocalRankOfTheLikedPlaylistInWhatWasServed() throws Exception {
    // r1 served 100 second (1/2); the request-less like of 200 matches the latest impression
    // before it (r2, 200 first: 1); r3 did not contain 100 (0).
    assertThat(feedback("2026-03-01", "feedback_score")).isCloseTo(0.75, within(1e-9));
    assertThat(feedback("2026-03-01", "scored_feedback")).isEqualTo(2);
    assertThat(feedback("2026-03-02", "feedback_score")).isEqualTo(0.0);
  }

  @Test
  void onlineScoreAndVolumePerModelVersion() throws Exception {
    assertThat(model("2026-03-01", "v1", "online_score")).isEqualTo(0.5);
    assertThat(model("2026-03-01", "v2", "online_score")).isEqualTo(1.0);
    assertThat(model("2026-03-01", "v2", "feedback_volume")).isEqualTo(1);
    assertThat(model("2026-03-02", "v1", "online_score")).isEqualTo(0.0);
  }

  @Test
  void onlineScoreOfExploitedAndExploredPositionsApart() throws Exception {
    // Exploit: r4's like was at an explored position (0), r5's at 1, r6's at 2: (0 + 1 + 0.5) / 3.
    assertThat(value("dashboard_feedback", "2026-03-03", "online_score_by_slot", "exploit"))
        .isCloseTo(0.5, within(1e-9));
    // Explore, over the requests that explored: r4's like at explored position 5, r5's not.
    assertThat(value("dashboard_feedback", "2026-03-03", "online_score_by_slot", "explore"))
        .isCloseTo(0.1, within(1e-9));
    assertThat(value("dashboard_feedback", "2026-03-03", "explored_feedback", "explore"))
        .isEqualTo(2);
    // A day without exploration has an exploit score only.
    assertThat(value("dashboard_feedback", "2026-03-01", "online_score_by_slot", "exploit"))
        .isCloseTo(0.75, within(1e-9));
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM dashboard_feedback WHERE day = '2026-03-01'"
                    + " AND metric = 'online_score_by_slot' AND segment = 'explore'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void newFeedbackIsCountedSinceTheLastSuccessfulTraining() throws Exception {
    assertThat(feedback("2026-03-10", "new_feedback_since_training")).isEqualTo(1);
    assertThat(feedback("2026-03-10", "retrain_threshold")).isEqualTo(500);
  }

  @Test
  void rerunningChangesNothing() throws Exception {
    List<String> before = snapshot();
    TestJobs.run(
        new MetricsJob(), Map.of("day", "2026-03-10", "retrain-threshold", "500"), db, lakeDir);
    assertThat(snapshot()).isEqualTo(before).isNotEmpty();
  }

  private static double model(String day, String version, String metric) throws Exception {
    try (Connection c = db.connect();
        var ps =
            c.prepareStatement(
                "SELECT value FROM dashboard_models WHERE day = ?::date AND model_version = ?"
                    + " AND metric = ?")) {
      ps.setString(1, day);
      ps.setString(2, version);
      ps.setString(3, metric);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getDouble(1);
      }
    }
  }

  private static List<String> snapshot() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String q :
          List.of(
              "SELECT 't', day, metric, segment, value FROM dashboard_training",
              "SELECT 'f', day, metric, segment, value FROM dashboard_feedback",
              "SELECT 'm', day, model_version, metric, value FROM dashboard_models")) {
        try (ResultSet rs = st.executeQuery(q + " ORDER BY 2, 3, 4")) {
          while (rs.next()) {
            rows.add(
                rs.getString(1)
                    + rs.getString(2)
                    + rs.getString(3)
                    + rs.getString(4)
                    + rs.getDouble(5));
          }
        }
      }
    }
    return rows;
  }
}
