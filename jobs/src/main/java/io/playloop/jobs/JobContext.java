package io.playloop.jobs;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.DbSettings;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.spark.SparkSessions;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** What a running job needs: its arguments, the configuration, Spark, the lake and the database. */
public final class JobContext {
  private final String jobName;
  private final List<String> args;
  private final PlayloopConfig config;
  private final Supplier<SparkSession> sparkFactory;
  private SparkSession spark;
  private Lake lake;

  public JobContext(
      String jobName,
      List<String> args,
      PlayloopConfig config,
      Supplier<SparkSession> sparkFactory) {
    this.jobName = jobName;
    this.args = List.copyOf(args);
    this.config = config;
    this.sparkFactory = sparkFactory;
  }

  /** The context of a command-line run: common options override the configuration. */
  public static JobContext fromCommandLine(
      String jobName, List<String> args, CommonOptions common) {
    PlayloopConfig config =
        PlayloopConfig.load(
            common.config != null ? common.config : System.getenv(PlayloopConfig.CONFIG_FILE_ENV),
            common.overrides());
    boolean masterGiven = common.master != null;
    return new JobContext(
        jobName, args, config, () -> SparkSessions.create(jobName, config, masterGiven));
  }

  /** A context over an existing session (tests, and jobs that run other jobs). */
  public synchronized JobContext forJob(String otherJob, List<String> otherArgs) {
    JobContext child = new JobContext(otherJob, otherArgs, config, this::spark);
    child.spark = spark;
    child.lake = lake;
    return child;
  }

  public String jobName() {
    return jobName;
  }

  /** The job's arguments (the words after its name). */
  public List<String> args() {
    return args;
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
