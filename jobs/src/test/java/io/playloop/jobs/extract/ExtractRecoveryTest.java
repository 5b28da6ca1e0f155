package io.playloop.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.lake.SplitRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction after crashes, and retention: each test starts from a fresh world. */
class ExtractRecoveryTest {
  private static final Map<String, String> OPTIONS = Map.of("batch-date", "2026-03-10");
  private static List<String> cleanRun;

  @TempDir Path lakeDir;
  private TestDatabase db;
  private Lake lake;

  /** The same world extracted without a crash (plus one later feedback), for comparison. */
  @BeforeAll
  static void cleanRun(@TempDir Path otherLake) throws Exception {
    try (TestDatabase other = TestDatabase.create()) {
      Lake clean = ExtractJobTest.seedLake(otherLake);
      ExtractJobTest.insertFeedback(other);
      ExtractJobTest.execute(other, LATE_FEEDBACK);
      TestJobs.run(new ExtractJob(), OPTIONS, other, otherLake);
      cleanRun = snapshot(clean);
    }
  }

  private static final String LATE_FEEDBACK =
      "INSERT INTO feedback (user_id, like_playlist, other_playlists, created_at)"
          + " VALUES (4, 70, '{71}', '2026-03-09 13:00:00+00')";

  @BeforeEach
  void world() throws Exception {
    db = TestDatabase.create();
    lake = ExtractJobTest.seedLake(lakeDir);
    ExtractJobTest.insertFeedback(db);
  }

  @AfterEach
  void cleanUp() {
    db.close();
  }

  private JobResult extract() throws Exception {
    return TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);
  }

  /** An extract that crashes right after {@code step} committed. */
  private JobResult extractCrashingAfter(String step) throws Exception {
    return TestJobs.run(CrashingExtract.after(step), OPTIONS, db, lakeDir);
  }

  @Test
  void aCrashBetweenTheLakeWriteAndTheWatermarkIsFinishedByTheRerun() throws Exception {
    assertThatThrownBy(() -> extractCrashingAfter(CrashingExtract.AFTER_LAKE_WRITE))
        .hasMessageContaining("simulated crash");
    assertThat(ExtractJobTest.watermark(db)).isNull();
    // New feedback arrives before the rerun: the rerun finishes the interrupted range only.
    ExtractJobTest.execute(db, LATE_FEEDBACK);

    JobResult rerun = extract();
    assertThat(rerun.details()).containsEntry("resumed", true);
    assertThat(ExtractJobTest.watermark(db))
        .isEqualTo(String.valueOf(ExtractJobTest.FEEDBACK_ROWS));
    JobResult next = extract();
    assertThat(next.details()).containsEntry("resumed", false);
    assertThat(ExtractJobTest.watermark(db))
        .isEqualTo(String.valueOf(ExtractJobTest.FEEDBACK_ROWS + 1));

    assertThat(snapshot(lake)).isEqualTo(cleanRun);
  }

  @Test
  void aCrashBetweenTwoLakeTablesIsFinishedWithoutDuplicates() throws Exception {
    assertThatThrownBy(() -> extractCrashingAfter(CrashingExtract.AFTER_TRIPLETS))
        .hasMessageContaining("simulated crash");
    ExtractJobTest.execute(db, LATE_FEEDBACK);

    extract();
    extract();

    assertThat(snapshot(lake)).isEqualTo(cleanRun);
  }

  @Test
  void retentionDeletesOldFeedbackBlocksAndKeepsTheBootstrap() throws Exception {
    extract();
    long bootstrap = lake.read(LakeTable.TRIPLETS).where("source = 'bootstrap'").count();

    // 60 days later, with a retention of 28 days, the 2026-03-10 batch is gone.
    TestJobs.run(
        new ExtractJob(), Map.of("batch-date", "2026-05-09", "retention-days", "28"), db, lakeDir);

    assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'feedback'").count()).isZero();
    assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'bootstrap'").count())
        .isEqualTo(bootstrap);
  }

  @Test
  void retentionKeepsTheBatchOnTheBoundaryDay() throws Exception {
    extract();

    TestJobs.run(
        new ExtractJob(), Map.of("batch-date", "2026-04-07", "retention-days", "28"), db, lakeDir);

    // User 1's block and user 3's train blocks, all of batch 2026-03-10.
    assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'feedback'").count())
        .isEqualTo(1 + ExtractJobTest.user3Likes(SplitRule.Split.TRAIN).size());
  }

  @Test
  void aRetentionBelowSevenDaysOrTheTrainingWindowIsRefusedBeforeAnythingChanges()
      throws Exception {
    extract();
    List<String> before = snapshot(lake);

    assertThatThrownBy(
            () ->
                TestJobs.run(
                    new ExtractJob(),
                    Map.of("batch-date", "2026-05-09", "retention-days", "0"),
                    db,
                    lakeDir))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--retention-days must be at least 28")
        .hasMessageContaining("training window");
    // The training window is 28 days (conf/playloop.conf): 27 days would delete what it reads.
    assertThatThrownBy(
            () ->
                TestJobs.run(
                    new ExtractJob(),
                    Map.of("batch-date", "2026-05-09", "retention-days", "27"),
                    db,
                    lakeDir))
        .isInstanceOf(UsageException.class);
    assertThat(snapshot(lake)).isEqualTo(before);
    assertThat(ExtractJob.retentionDays(7, 0)).isEqualTo(7);
    assertThatThrownBy(() -> ExtractJob.retentionDays(6, 0))
        .hasMessageContaining("at least 7")
        .hasMessageContaining("VACUUM");
  }

  @Test
  void vacuumNeverKeepsLessThanSevenDays() {
    assertThatThrownBy(() -> lake.deleteAndVacuum(LakeTable.TRIPLETS, "true", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 168");
    // Delta's own retention check is on too: a zero-hour VACUUM is refused below Playloop's code.
    assertThatThrownBy(
            () ->
                io.delta.tables.DeltaTable.forPath(lake.spark(), lake.uri(LakeTable.TRIPLETS))
                    .vacuum(0))
        .hasMessageContaining("retention");
    assertThat(lake.read(LakeTable.TRIPLETS).count()).isEqualTo(1);
  }

  private static List<String> snapshot(Lake lake) {
    List<String> rows = new ArrayList<>();
    for (LakeTable d :
        List.of(LakeTable.TRIPLETS, LakeTable.POSITIVES_SPLITS, LakeTable.VAL_EVAL_BATCHES)) {
      lake.read(d).collectAsList().stream().map(r -> d + " " + r).sorted().forEach(rows::add);
    }
    return rows;
  }
}
