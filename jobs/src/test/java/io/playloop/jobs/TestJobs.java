package io.playloop.jobs;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.TestDatabase;
import java.nio.file.Path;
import java.util.Map;

/** Builds job contexts for tests: the shared SparkSession, a test database and a lake folder. */
public final class TestJobs {
  private TestJobs() {}

  /** A context for {@code job} with options {@code options}, writing to {@code lakeDir}. */
  public static JobContext context(
      String job, Map<String, String> options, TestDatabase db, Path lakeDir) {
    return context(job, options, db, lakeDir.toUri().toString());
  }

  /** A context for {@code job} writing to the lake at {@code lakeUri} (file:, s3a:). */
  public static JobContext context(
      String job, Map<String, String> options, TestDatabase db, String lakeUri) {
    PlayloopConfig config =
        PlayloopConfig.load(
            null,
            Map.of(
                "lake.uri",
                lakeUri,
                "db.url",
                db.url(),
                "db.user",
                db.settings().user(),
                "spark.master",
                "local[2]"));
    return new JobContext(job, JobCommandLine.args(options), config, SharedSpark::get);
  }

  /** Runs {@code job} as the entry point would, with its pipeline_runs record. */
  public static JobResult run(
      Job<?> job, Map<String, String> options, TestDatabase db, Path lakeDir) throws Exception {
    return JobRunner.run(job, context(job.name(), options, db, lakeDir));
  }

  /** Runs {@code job} against the lake at {@code lakeUri}, with its pipeline_runs record. */
  public static JobResult run(
      Job<?> job, Map<String, String> options, TestDatabase db, String lakeUri) throws Exception {
    return JobRunner.run(job, context(job.name(), options, db, lakeUri));
  }
}
