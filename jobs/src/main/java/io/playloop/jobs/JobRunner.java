package io.playloop.jobs;

import io.playloop.core.api.ApiJson;
import io.playloop.core.db.Database;
import io.playloop.core.db.PipelineRuns;
import io.playloop.jobs.spark.JobPhase;
import io.playloop.jobs.spark.SparkProgress;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job with its pipeline_runs record and one summary line in the log, holding the job's
 * lock on the database (see {@link Job#runsExclusively()}) for the whole run.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** How long a run waits for another run of the same job to finish before it gives up. */
  public static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  private JobRunner() {}

  /**
   * Runs the job named {@code name} as a step of {@code parent} (the demo, pipeline, experiment).
   */
  public static JobResult runStep(JobContext parent, String name, Map<String, String> options)
      throws Exception {
    Job<?> job = Jobs.byName(name).orElseThrow(() -> new IllegalStateException("no job " + name));
    return run(job, parent.forJob(name, JobCommandLine.args(options)));
  }

  public static JobResult run(Job<?> job, JobContext context) throws Exception {
    return run(job, context, LOCK_WAIT);
  }

  /**
   * As {@link #run(Job, JobContext)}, waiting up to {@code lockWait} for the job's lock. The
   * options are read and checked first: a bad one stops the run before Spark or the database.
   */
  public static <S> JobResult run(Job<S> job, JobContext context, Duration lockWait)
      throws Exception {
    S settings = JobCommandLine.settings(job, context.args(), context.config());
    if (!job.usesDatabase()) {
      return runRecorded(job, context, settings);
    }
    Database.prepare(context.db());
    if (!job.runsExclusively()) {
      return runRecorded(job, context, settings);
    }
    try (JobLock lock = JobLock.acquire(context.db(), job.name(), lockWait)) {
      if (job.sharedTables() == null) {
        return runRecorded(job, context, settings);
      }
      try (JobLock tables =
          JobLock.acquireTables(context.db(), job.name(), job.sharedTables(), lockWait)) {
        return runRecorded(job, context, settings);
      }
    }
  }

  private static <S> JobResult runRecorded(Job<S> job, JobContext context, S settings)
      throws Exception {
    PipelineRuns runs = null;
    long runId = -1;
    if (job.usesDatabase()) {
      runs = new PipelineRuns(context.db());
      runId = runs.start(job.name());
    }
    long started = System.nanoTime();
    try (SparkProgress progress = SparkProgress.start(job.name());
        JobPhase.Scope phases = JobPhase.scope()) {
      JobResult result = job.run(context, settings);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (runs != null) {
        runs.succeed(
            runId, result.rowsIn(), result.rowsOut(), result.watermark(), toJson(result.details()));
      }
      LOG.info(
          "{} succeeded in {}s: read {} rows, wrote {} rows. {}",
          job.name(),
          String.format("%.1f", seconds),
          result.rowsIn(),
          result.rowsOut(),
          result.summary());
      return result;
    } catch (Exception | Error e) {
      if (runs != null) {
        try {
          runs.fail(runId, oneLine(e));
        } catch (RuntimeException recordFailure) {
          e.addSuppressed(recordFailure);
        }
      }
      throw e;
    }
  }

  /** The first line of an error's message, with its type when the message is empty. */
  public static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m);
  }

  /** A tiny JSON writer for the details maps jobs report (strings, numbers, booleans, maps). */
  static String toJson(Map<String, Object> details) {
    if (details == null || details.isEmpty()) {
      return null;
    }
    return details.entrySet().stream()
        .map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .map(e -> quote(String.valueOf(e.getKey())) + ":" + value(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return quote(v.toString());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder();
    ApiJson.appendString(b, s);
    return b.toString();
  }
}
