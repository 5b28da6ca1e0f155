package io.playloop.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobAlreadyRunningException;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.importer.ImportJob;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extract beside feedback writers that commit out of order, and beside another extract. */
class ExtractConcurrencyTest {
  private static final Map<String, String> OPTIONS = Map.of("batch-date", "2026-03-10");

  @TempDir Path lakeDir;
  private TestDatabase db;
  private Lake lake;

  @BeforeEach
  void world() {
    db = TestDatabase.create();
    lake = ExtractJobTest.seedLake(lakeDir);
  }

  @AfterEach
  void cleanUp() {
    db.close();
  }

  private static String like(int playlist) {
    return "INSERT INTO feedback (user_id, like_playlist, other_playlists, created_at) VALUES (5, "
        + playlist
        + ", '{90}', '2026-03-09 10:00:00+00')";
  }

  private List<Integer> extractedLikes() {
    return lake
        .read(LakeTable.POSITIVES_SPLITS)
        .where("user_id = 5")
        .orderBy("playlist_id")
        .collectAsList()
        .stream()
        .map((Row r) -> r.getInt(1))
        .toList();
  }

  @Test
  void aLowerIdThatCommitsAfterTheExtractIsTakenByTheNextRun() throws Exception {
    ExtractJobTest.execute(db, like(20)); // id 1
    try (Connection open = db.connect()) {
      open.setAutoCommit(false);
      try (Statement st = open.createStatement()) {
        st.execute(like(21)); // id 2: drawn now, committed only after the extract
      }
      ExtractJobTest.execute(db, like(22)); // id 3, committed before id 2

      var first = TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);
      // Id 2 is not visible yet: the range stops before it instead of jumping to 3.
      assertThat(first.watermark()).isEqualTo("1");
      assertThat(extractedLikes()).containsExactly(20);
      open.commit();
    }

    var second = TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);
    assertThat(second.details())
        .containsEntry("from_id_exclusive", 1L)
        .containsEntry("to_id_inclusive", 3L);
    assertThat(extractedLikes()).containsExactly(20, 21, 22);
  }

  @Test
  void theRangeWaitsBrieflyForAWriterThatIsAboutToCommit() throws Exception {
    ExtractJobTest.execute(db, like(20));
    try (Connection open = db.connect()) {
      open.setAutoCommit(false);
      try (Statement st = open.createStatement()) {
        st.execute(like(21));
      }
      ExtractJobTest.execute(db, like(22));
      CompletableFuture<Void> commit =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(300);
                  open.commit();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // The SHARE lock waits for the open writer, then every id up to MAX(id) is committed.
      assertThat(FeedbackRange.committedUpTo(db.settings(), 0, Duration.ofSeconds(10)))
          .isEqualTo(3);
      commit.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRolledBackIdDoesNotHoldTheRangeBackOnceNoWriterIsOpen() throws Exception {
    ExtractJobTest.execute(db, like(20));
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      c.createStatement().execute(like(21));
      c.rollback();
    }
    ExtractJobTest.execute(db, like(22));

    assertThat(FeedbackRange.committedUpTo(db.settings(), 0, Duration.ofSeconds(1))).isEqualTo(3);
  }

  @Test
  void aSecondExtractStopsWithAMessageNamingTheRunningOne() throws Exception {
    ExtractJobTest.execute(db, like(20));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StepHook hold =
        step -> {
          if (step.equals("triplets")) {
            inside.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    CompletableFuture<?> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return TestJobs.run(new ExtractJob(hold), OPTIONS, db, lakeDir);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      assertThat(inside.await(120, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(
              () ->
                  JobRunner.run(
                      new ExtractJob(),
                      TestJobs.context("extract", OPTIONS, db, lakeDir),
                      Duration.ofMillis(500)))
          .isInstanceOf(JobAlreadyRunningException.class)
          .hasMessageContaining("another extract is running")
          .hasMessageContaining("'playloop extract'")
          .hasMessageContaining(db.url());
    } finally {
      release.countDown();
    }
    first.get(120, TimeUnit.SECONDS);
    // The refused run left no run record; the lock is free again once the first run ended.
    assertThat(runs("extract")).isEqualTo(1);
    var again = TestJobs.run(new ExtractJob(), OPTIONS, db, lakeDir);
    assertThat(again.rowsIn()).isZero();
    assertThat(runs("extract")).isEqualTo(2);
  }

  @Test
  void generateAndImportWaitForARunningExtractBecauseTheyWriteTheSameLakeTables() throws Exception {
    ExtractJobTest.execute(db, like(20));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StepHook hold =
        step -> {
          if (step.equals("triplets")) {
            inside.countDown();
            try {
              release.await(600, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    CompletableFuture<?> extract =
        CompletableFuture.runAsync(
            () -> {
              try {
                TestJobs.run(new ExtractJob(hold), OPTIONS, db, lakeDir);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long triplets;
    try {
      assertThat(inside.await(600, TimeUnit.SECONDS)).isTrue();
      triplets = lake.read(LakeTable.TRIPLETS).count();
      // Each with options it accepts: they are checked before the lock is taken.
      Map<Job<?>, Map<String, String>> writers =
          Map.of(
              new GenerateJob(),
              Map.of("users", "100", "playlists", "200"),
              new ImportJob(),
              Map.of("input", "x.csv"));
      for (var w : writers.entrySet()) {
        Job<?> writer = w.getKey();
        assertThatThrownBy(
                () ->
                    JobRunner.run(
                        writer,
                        TestJobs.context(writer.name(), w.getValue(), db, lakeDir),
                        Duration.ofMillis(500)))
            .as(writer.name())
            .isInstanceOf(JobAlreadyRunningException.class)
            .hasMessageContaining("another job that writes the lake's user-block tables")
            .hasMessageContaining("'playloop extract'")
            .hasMessageContaining("Run " + writer.name() + " again");
      }
    } finally {
      release.countDown();
    }
    extract.get(600, TimeUnit.SECONDS);
    // Neither touched the lake: the extract's appends are all that changed it.
    assertThat(lake.read(LakeTable.TRIPLETS).count()).isEqualTo(triplets);
    assertThat(runs("generate")).isZero();
    assertThat(runs("import")).isZero();
  }

  @Test
  void aSecondExtractWaitsForOneThatIsAboutToFinish() throws Exception {
    ExtractJobTest.execute(db, like(20));
    CountDownLatch inside = new CountDownLatch(1);
    StepHook slow =
        step -> {
          if (step.equals("lake-write")) {
            inside.countDown();
            try {
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    CompletableFuture<?> first =
        CompletableFuture.runAsync(
            () -> {
              try {
                TestJobs.run(new ExtractJob(slow), OPTIONS, db, lakeDir);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(inside.await(120, TimeUnit.SECONDS)).isTrue();
    var second =
        JobRunner.run(
            new ExtractJob(),
            TestJobs.context("extract", OPTIONS, db, lakeDir),
            Duration.ofSeconds(60));
    first.get(60, TimeUnit.SECONDS);
    // It ran after the first had committed its watermark: nothing was left to extract.
    assertThat(second.details()).containsEntry("from_id_exclusive", 1L);
    assertThat(second.rowsIn()).isZero();
  }

  private long runs(String job) throws Exception {
    try (Connection c = db.connect();
        var rs =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM pipeline_runs WHERE job = '" + job + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
