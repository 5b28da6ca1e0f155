package io.playloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.core.registry.ModelEntry;
import io.playloop.core.registry.ModelRegistry;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.extract.CrashingExtract;
import io.playloop.jobs.extract.ExtractJob;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.pairing.PairUsersJob;
import io.playloop.jobs.score.ScoreJob;
import io.playloop.jobs.train.TrainJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The loop with its lake on S3 (an S3Proxy endpoint, {@code s3a://}): generate, pair-users, train,
 * score, feedback on what was served, an extract that crashes half way and its rerun, and
 * retention's DELETE and VACUUM.
 */
class WholeLoopOnS3Test {
  private static final String EXTRACT_DATE = "2026-03-10";
  private static final Instant LIKED_FROM = Instant.parse("2026-03-09T12:00:00Z");
  private static final int LIKING_USERS = 30;
  private static final String VACUUM_LOGGING = "spark.databricks.delta.vacuum.logging.enabled";
  private static final List<LakeTable> EXTRACTED =
      List.of(LakeTable.TRIPLETS, LakeTable.POSITIVES_SPLITS, LakeTable.VAL_EVAL_BATCHES);

  @Test
  void theLoopRunsOnAnS3LakeAndACrashedExtractLeavesTheRowsOfOneCleanRun() throws Exception {
    SparkSession spark = SharedSpark.get();
    try (S3ProxyServer s3 = S3ProxyServer.start();
        TestDatabase db = TestDatabase.create();
        TestDatabase cleanDb = TestDatabase.create()) {
      String bucket = s3.createBucket();
      s3.configureBucket(spark.sparkContext().hadoopConfiguration(), bucket);
      String lakeUri = "s3a://" + bucket + "/lake";
      Lake lake = new Lake(spark, lakeUri);

      TestJobs.run(
          new GenerateJob(),
          Map.of(
              "users", "150",
              "playlists", "300",
              "songs", "900",
              "seed", "11",
              "batch-date", "2026-03-01"),
          db,
          lakeUri);
      TestJobs.run(
          new PairUsersJob(), Map.of("version", "p1", "iterations", "3", "rank", "8"), db, lakeUri);
      TestJobs.run(
          new TrainJob(),
          Map.of(
              "algorithms", "popularity,als",
              "budget", "1",
              "als-iterations", "3",
              "eval-users", "200",
              "as-of", "2026-03-01",
              "version-prefix", "s3-"),
          db,
          lakeUri);
      JobResult scored = TestJobs.run(new ScoreJob(), Map.of("eval-users", "200"), db, lakeUri);
      ModelRegistry registry = new ModelRegistry(db.settings());
      ModelEntry active = registry.active().orElseThrow(() -> new AssertionError(scored));
      assertThat(registry.hasRecommendations(active.modelVersion())).isTrue();
      assertThat(s3.keys(bucket, "lake/"))
          .anyMatch(k -> k.contains("/_delta_log/"))
          .anyMatch(k -> k.startsWith("lake/user_pairing_model/"));

      // Users like a playlist they were served; the same feedback goes into a second database
      // that extracts, cleanly, into a copy of the lake as it is now.
      List<Like> likes = likesOnServed(db, active.modelVersion());
      assertThat(likes).hasSize(LIKING_USERS);
      record(db, likes);
      record(cleanDb, likes);
      s3.copyPrefix(bucket, "lake/", "clean-lake/");
      String cleanUri = "s3a://" + bucket + "/clean-lake";
      TestJobs.run(new ExtractJob(), Map.of("batch-date", EXTRACT_DATE), cleanDb, cleanUri);

      long versionBefore = lake.version(LakeTable.TRIPLETS);
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      CrashingExtract.after(CrashingExtract.AFTER_TRIPLETS),
                      Map.of("batch-date", EXTRACT_DATE),
                      db,
                      lakeUri))
          .hasMessageContaining("simulated crash");
      assertThat(lake.version(LakeTable.TRIPLETS)).isEqualTo(versionBefore + 1);
      JobResult rerun =
          TestJobs.run(new ExtractJob(), Map.of("batch-date", EXTRACT_DATE), db, lakeUri);

      assertThat(rerun.details()).containsEntry("resumed", true);
      assertThat(rerun.watermark()).isEqualTo(String.valueOf(LIKING_USERS));
      // Likes of playlists the lake already has as the user's positives are kept out as repeats.
      Dataset<Row> positives = lake.read(LakeTable.POSITIVES_SPLITS);
      assertThat(positives.where("source = 'feedback'").count()).isPositive();
      assertThat(positives.select("user_id", "playlist_id").distinct().count())
          .isEqualTo(positives.count());
      assertThat(snapshot(lake)).isEqualTo(snapshot(new Lake(spark, cleanUri)));

      // Retention: a retention shorter than the training window is refused before any change;
      // 60 days on, the feedback user-blocks are deleted (and vacuumed), the bootstrap stays.
      long bootstrap = lake.read(LakeTable.TRIPLETS).where("source = 'bootstrap'").count();
      long feedbackBlocks = lake.read(LakeTable.TRIPLETS).where("source = 'feedback'").count();
      assertThat(feedbackBlocks).isPositive();
      long versionBeforeRetention = lake.version(LakeTable.TRIPLETS);
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      new ExtractJob(),
                      Map.of("batch-date", "2026-05-09", "retention-days", "6"),
                      db,
                      lakeUri))
          .isInstanceOf(UsageException.class);
      assertThat(lake.version(LakeTable.TRIPLETS)).isEqualTo(versionBeforeRetention);

      // Delta records a VACUUM in the table's history only with its logging on (off by default
      // on some stores): on, the history shows that the VACUUM ran against S3.
      spark.conf().set(VACUUM_LOGGING, "true");
      JobResult retention;
      try {
        retention =
            TestJobs.run(
                new ExtractJob(),
                Map.of("batch-date", "2026-05-09", "retention-days", "28"),
                db,
                lakeUri);
      } finally {
        spark.conf().unset(VACUUM_LOGGING);
      }

      assertThat(retention.summary()).contains("retention removed " + feedbackBlocks);
      assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'feedback'").count()).isZero();
      assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'bootstrap'").count())
          .isEqualTo(bootstrap);
      assertThat(operationsSince(spark, lake.uri(LakeTable.TRIPLETS), versionBeforeRetention))
          .contains("DELETE", "VACUUM START", "VACUUM END");
    }
  }

  /** A like: a user liked the second playlist served and passed over the first and third. */
  private record Like(int user, int liked, List<Integer> others, String requestId) {}

  private static List<Like> likesOnServed(TestDatabase db, String version) throws Exception {
    List<Like> likes = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT user_id, playlists FROM recommendations WHERE model_version = ?"
                    + " AND cardinality(playlists) >= 3 ORDER BY user_id LIMIT ?")) {
      ps.setString(1, version);
      ps.setInt(2, LIKING_USERS);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Integer[] served = (Integer[]) rs.getArray(2).getArray();
          int user = rs.getInt(1);
          likes.add(new Like(user, served[1], List.of(served[0], served[2]), "req-" + user));
        }
      }
    }
    return likes;
  }

  /** What the server records: the impression of each request, then the like on it. */
  private static void record(TestDatabase db, List<Like> likes) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement impression =
            c.prepareStatement(
                "INSERT INTO impressions (request_id, user_id, playlists, served_at)"
                    + " VALUES (?, ?, ?, ?)");
        PreparedStatement like =
            c.prepareStatement(
                "INSERT INTO feedback"
                    + " (user_id, like_playlist, other_playlists, request_id, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (Like l : likes) {
        List<Integer> served = new ArrayList<>(l.others());
        served.add(1, l.liked());
        impression.setString(1, l.requestId());
        impression.setInt(2, l.user());
        impression.setArray(3, c.createArrayOf("integer", served.toArray()));
        // Fixed times: both databases must hold the same feedback, event times included.
        Instant likedAt = LIKED_FROM.plusSeconds(l.user());
        impression.setTimestamp(4, Timestamp.from(likedAt.minusSeconds(30)));
        impression.executeUpdate();
        like.setInt(1, l.user());
        like.setInt(2, l.liked());
        like.setArray(3, c.createArrayOf("integer", l.others().toArray()));
        like.setString(4, l.requestId());
        like.setTimestamp(5, Timestamp.from(likedAt));
        like.executeUpdate();
      }
    }
  }

  private static List<String> operationsSince(SparkSession spark, String table, long version) {
    return spark
        .sql("DESCRIBE HISTORY delta.`" + table + "`")
        .where("version > " + version)
        .select("operation")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  private static List<String> snapshot(Lake lake) {
    List<String> rows = new ArrayList<>();
    for (LakeTable table : EXTRACTED) {
      lake.read(table).collectAsList().stream()
          .map(r -> table + " " + r)
          .sorted()
          .forEach(rows::add);
    }
    return rows;
  }
}
