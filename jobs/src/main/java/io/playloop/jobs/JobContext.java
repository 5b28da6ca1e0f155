package io.playloop.jobs;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DbSettings;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.spark.SparkSessions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** What a running job needs: its options, the configuration, Spark, the lake and the database. */
public final class JobContext {
  private final String jobName;
  private final JobOptions options;
  private final PlayloopConfig config;
  private final Supplier<SparkSession> sparkFactory;
  private SparkSession spark;
  private Lake lake;

  public JobContext(
      String jobName,
      JobOptions options,
      PlayloopConfig config,
      Supplier<SparkSession> sparkFactory) {
    this.jobName = jobName;
    this.options = options;
    this.config = config;
    this.sparkFactory = sparkFactory;
  }

  /** The context of a command-line run: common options override the configuration. */
  public static JobContext fromCommandLine(String jobName, JobOptions options) {
    Map<String, Object> overrides = new HashMap<>();
    options.get("lake").ifPresent(v -> overrides.put("lake.uri", v));
    options.get("db").ifPresent(v -> overrides.put("db.url", v));
    options.get("master").ifPresent(v -> overrides.put("spark.master", v));
    PlayloopConfig config =
        PlayloopConfig.load(
            options.get("config").orElse(System.getenv(PlayloopConfig.CONFIG_FILE_ENV)), overrides);
    boolean masterGiven = options.has("master");
    return new JobContext(
        jobName, options, config, () -> SparkSessions.create(jobName, config, masterGiven));
  }

  /** A context over an existing session (tests, and jobs that run other jobs). */
  public JobContext forJob(String otherJob, JobOptions otherOptions) {
    JobContext child = new JobContext(otherJob, otherOptions, config, this::spark);
    child.spark = spark;
    child.lake = lake;
    return child;
  }

  public String jobName() {
    return jobName;
  }

  public JobOptions options() {
    return options;
  }

  public PlayloopConfig config() {
    return config;
  }

  public DbSettings db() {
    return config.db();
  }

  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = sparkFactory.get();
    }
    return spark;
  }

  public synchronized Lake lake() {
    if (lake == null) {
      lake = new Lake(spark(), config.lakeUri());
    }
    return lake;
  }
}
