package io.playloop.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
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
    System.clearProperty(ExtractJob.CRASH_PROPERTY);
    db.close();
  }

  private JobResult extract() throws Exception {
    return TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);
  }

  @Test
  void aCrashBetweenTheLakeWriteAndTheWatermarkIsFinishedByTheRerun() throws Exception {
    System.setProperty(ExtractJob.CRASH_PROPERTY, "lake-write");
    assertThatThrownBy(this::extract).hasMessageContaining("simulated crash");
    System.clearProperty(ExtractJob.CRASH_PROPERTY);
    assertThat(ExtractJobTest.watermark(db)).isNull();
    // New feedback arrives before the rerun: the rerun finishes the interrupted range only.
    ExtractJobTest.execute(db, LATE_FEEDBACK);

    JobResult rerun = extract();
    assertThat(rerun.details()).containsEntry("resumed", true);
    assertThat(ExtractJobTest.watermark(db)).isEqualTo("17");
    JobResult next = extract();
    assertThat(next.details()).containsEntry("resumed", false);
    assertThat(ExtractJobTest.watermark(db)).isEqualTo("18");

    assertThat(snapshot(lake)).isEqualTo(cleanRun);
  }

  @Test
  void aCrashBetweenTwoLakeTablesIsFinishedWithoutDuplicates() throws Exception {
    System.setProperty(ExtractJob.CRASH_PROPERTY, "triplets");
    assertThatThrownBy(this::extract).hasMessageContaining("simulated crash");
    System.clearProperty(ExtractJob.CRASH_PROPERTY);
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

    assertThat(lake.read(LakeTable.TRIPLETS).where("source = 'feedback'").count()).isEqualTo(8);
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
