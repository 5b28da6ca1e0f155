package io.playloop.jobs;

import io.playloop.core.api.ApiJson;
import io.playloop.core.db.Database;
import io.playloop.core.db.PipelineRuns;
import io.playloop.jobs.spark.SparkProgress;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one job with its pipeline_runs record and one summary line in the log. */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  /**
   * Runs the job named {@code name} as a step of {@code parent} (the demo, pipeline, experiment).
   */
  public static JobResult runStep(JobContext parent, String name, Map<String, String> options)
      throws Exception {
    Job job = Jobs.byName(name).orElseThrow(() -> new IllegalStateException("no job " + name));
    return run(job, parent.forJob(name, JobOptions.of(options)));
  }

  public static JobResult run(Job job, JobContext context) throws Exception {
    PipelineRuns runs = null;
    long runId = -1;
    if (job.usesDatabase()) {
      Database.prepare(context.db());
      runs = new PipelineRuns(context.db());
      runId = runs.start(job.name());
    }
    long started = System.nanoTime();
    try (SparkProgress progress = SparkProgress.start(job.name())) {
      JobResult result = job.run(context);
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

  /** A tiny JSON writer for the flat details maps jobs report (strings, numbers, booleans). */
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
