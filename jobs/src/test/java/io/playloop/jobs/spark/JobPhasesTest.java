package io.playloop.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.generate.GenerateJob;
import io.playloop.jobs.pairing.PairUsersJob;
import io.playloop.jobs.train.TrainJob;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long jobs run their Spark work under named phases: the Spark UI's job descriptions. */
class JobPhasesTest {
  @TempDir Path lakeDir;

  @Test
  void generatePairUsersAndTrainRunTheirSparkJobsUnderNamedPhases() throws Exception {
    SparkSession spark = SharedSpark.get();
    // Tests before this one on the same thread may have left a phase: start from none.
    JobPhase.begin(spark, null);
    Set<String> descriptions = new ConcurrentSkipListSet<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            String d =
                start.properties() == null
                    ? null
                    : start.properties().getProperty("spark.job.description");
            if (d != null) {
              descriptions.add(d);
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try (TestDatabase db = TestDatabase.create()) {
      TestJobs.run(
          new GenerateJob(),
          Map.of("users", "60", "playlists", "200", "songs", "800", "seed", "5"),
          db,
          lakeDir);
      TestJobs.run(
          new PairUsersJob(), Map.of("version", "p1", "iterations", "2", "rank", "4"), db, lakeDir);
      TestJobs.run(
          new TrainJob(),
          Map.of("algorithms", "popularity", "budget", "1", "eval-users", "50"),
          db,
          lakeDir);
      // A job's phases end with it: the thread's next Spark job has no stale phase.
      assertThat(spark.sparkContext().getLocalProperty("spark.job.description")).isNull();
    } finally {
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().removeSparkListener(listener);
    }

    Set<String> jobs = new TreeSet<>();
    descriptions.forEach(d -> jobs.add(d.substring(0, Math.max(0, d.indexOf(':')))));
    assertThat(jobs).as(descriptions.toString()).contains("generate", "pair-users", "train");
    assertThat(descriptions)
        .contains(
            "generate: libraries and playlists",
            "generate: writing the lake",
            "pair-users: taste vectors (ALS rank 4)",
            "pair-users: neighbours (LSH)",
            "train: reading the training window and the evaluation users");
  }
}
