package io.playloop.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.SharedSpark;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkProgressTest {
  private static final Pattern STAGE =
      Pattern.compile("stage \\d+( \\(.+?\\))?: (\\d+)/8 tasks, (\\d+) running");

  /** A Spark job of 8 tasks that each take {@code millis}: 4 waves on local[2]. */
  private static long slowCount(SparkSession spark, long millis) {
    return spark
        .range(0, 8, 1, 8)
        .mapPartitions(
            (MapPartitionsFunction<Long, Long>)
                rows -> {
                  Thread.sleep(millis);
                  return rows;
                },
            Encoders.LONG())
        .count();
  }

  private static SparkProgress watching(SparkSession spark, String job, List<String> lines) {
    return SparkProgress.start(
        job, Duration.ofMillis(150), () -> Optional.of(spark.sparkContext()), lines::add);
  }

  @Test
  void aRunningJobGetsLinesWithItsPhaseStageTasksAndElapsedTime() {
    SparkSession spark = SharedSpark.get();
    List<String> lines = new CopyOnWriteArrayList<>();

    long rows;
    try (SparkProgress progress = watching(spark, "pair-users", lines)) {
      rows = JobPhase.during(spark, "pair-users: counting slowly", () -> slowCount(spark, 400));
    }

    assertThat(rows).isEqualTo(8);
    assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
    assertThat(lines)
        .allMatch(l -> l.matches("pair-users \\d+s: pair-users: counting slowly \\| stages .*"));
    List<Integer> done =
        lines.stream()
            .map(STAGE::matcher)
            .filter(Matcher::find)
            .map(m -> Integer.parseInt(m.group(2)))
            .toList();
    assertThat(done).as(lines.toString()).isNotEmpty().isSorted();
    assertThat(done.get(done.size() - 1)).isGreaterThan(0).isLessThan(8);
    // The stage Spark 4 names after an internal closure is shown by its number alone.
    assertThat(lines).noneMatch(l -> l.contains("$anonfun$"));
  }

  @Test
  void aJobHeardToEndKeepsItsPhaseWhileTheTrackerStillListsIt() throws Exception {
    SparkSession spark = SharedSpark.get();
    List<String> lines = new CopyOnWriteArrayList<>();
    try (SparkProgress progress =
        SparkProgress.start(
            "pair-users",
            Duration.ofHours(1),
            () -> Optional.of(spark.sparkContext()),
            lines::add)) {
      CompletableFuture<Long> running =
          CompletableFuture.supplyAsync(
              () -> JobPhase.during(spark, "pair-users: ending", () -> slowCount(spark, 400)));
      SparkStatusTracker tracker = spark.sparkContext().statusTracker();
      int jobId = awaitActiveJob(tracker);
      String whileRunning = awaitLine(progress, tracker);

      // The listener's queue may deliver the end before the tracker's queue drops the job.
      progress.listener().onJobEnd(new SparkListenerJobEnd(jobId, 0L, JobSucceeded$.MODULE$));
      String afterEndHeard = progress.line(tracker, System.nanoTime());
      running.get(30, TimeUnit.SECONDS);

      assertThat(whileRunning).matches("pair-users \\d+s: pair-users: ending \\| stages .*");
      assertThat(afterEndHeard).isNotNull().contains(": pair-users: ending | stages ");
    }
  }

  private static int awaitActiveJob(SparkStatusTracker tracker) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      int[] ids = tracker.getActiveJobIds();
      if (ids.length > 0) {
        return ids[0];
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no Spark job started");
  }

  private static String awaitLine(SparkProgress progress, SparkStatusTracker tracker)
      throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      String line = progress.line(tracker, System.nanoTime());
      if (line != null) {
        return line;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no progress line for the running job");
  }

  @Test
  void theDescriptionIsRestoredAfterAPhase() {
    SparkSession spark = SharedSpark.get();
    JobPhase.begin(spark, "outer phase");

    JobPhase.during(spark, "inner phase", () -> spark.range(3).count());

    assertThat(spark.sparkContext().getLocalProperty("spark.job.description"))
        .isEqualTo("outer phase");
    JobPhase.begin(spark, null);
    assertThat(spark.sparkContext().getLocalProperty("spark.job.description")).isNull();
  }

  @Test
  void withoutAPhaseTheLineNamesTheSparkJob() {
    SparkSession spark = SharedSpark.get();
    List<String> lines = new CopyOnWriteArrayList<>();

    try (SparkProgress progress = watching(spark, "extract", lines)) {
      slowCount(spark, 300);
    }

    assertThat(lines).isNotEmpty();
    assertThat(lines).allMatch(l -> l.matches("extract \\d+s: Spark job \\d+ \\| stages .*"));
  }

  @Test
  void silentWhileNoSparkJobRuns() throws InterruptedException {
    SparkSession spark = SharedSpark.get();
    List<String> lines = new CopyOnWriteArrayList<>();

    try (SparkProgress progress = watching(spark, "pipeline", lines)) {
      Thread.sleep(600);
    }

    assertThat(lines).isEmpty();
  }

  @Test
  void aJobRunByAnotherJobReportsAndItsParentWaits() {
    SparkSession spark = SharedSpark.get();
    List<String> outerLines = new CopyOnWriteArrayList<>();
    List<String> innerLines = new CopyOnWriteArrayList<>();

    try (SparkProgress demo = watching(spark, "demo", outerLines)) {
      try (SparkProgress train = watching(spark, "train", innerLines)) {
        slowCount(spark, 300);
      }
      assertThat(outerLines).isEmpty();
      slowCount(spark, 300);
    }

    assertThat(innerLines).isNotEmpty().allMatch(l -> l.startsWith("train "));
    assertThat(outerLines).isNotEmpty().allMatch(l -> l.startsWith("demo "));
  }

  @Test
  void noLinesAtAllWhenTheIntervalIsZero() {
    SparkSession spark = SharedSpark.get();
    List<String> lines = new CopyOnWriteArrayList<>();

    try (SparkProgress progress =
        SparkProgress.start(
            "score", Duration.ZERO, () -> Optional.of(spark.sparkContext()), lines::add)) {
      slowCount(spark, 200);
    }

    assertThat(lines).isEmpty();
  }

  @Test
  void elapsedTimeReadsLikeAClock() {
    assertThat(SparkProgress.elapsed(Duration.ofSeconds(7).toNanos())).isEqualTo("7s");
    assertThat(SparkProgress.elapsed(Duration.ofSeconds(125).toNanos())).isEqualTo("2m05s");
    assertThat(SparkProgress.elapsed(Duration.ofSeconds(3725).toNanos())).isEqualTo("1h02m05s");
  }
}
