package io.playloop.jobs.spark;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Names the phase a job is in ("pair-users: taste vectors"), as Spark's job description: the Spark
 * UI lists its jobs under that name, {@link SparkProgress} prints it, and the log gets one line per
 * phase (so work outside Spark is visible too).
 */
public final class JobPhase {
  private static final Logger LOG = LoggerFactory.getLogger(JobPhase.class);
  private static final String DESCRIPTION = "spark.job.description";

  private JobPhase() {}

  /** From now on, on this thread, Spark jobs belong to {@code phase} (null: no phase). */
  public static void begin(SparkSession spark, String phase) {
    if (phase != null) {
      LOG.info("phase: {}", phase);
    }
    spark.sparkContext().setJobDescription(phase);
  }

  /**
   * As {@link #begin(SparkSession, String)} for the session this thread uses, if there is one yet
   * (code that holds no session: the model search, the simulator).
   */
  public static void begin(String phase) {
    Optional<SparkSession> spark = session();
    if (spark.isPresent()) {
      begin(spark.get(), phase);
    } else {
      LOG.info("phase: {}", phase);
    }
  }

  /** Runs {@code work} as {@code phase}, then restores the phase that was current before. */
  public static <T> T during(SparkSession spark, String phase, Supplier<T> work) {
    String before = spark.sparkContext().getLocalProperty(DESCRIPTION);
    begin(spark, phase);
    try {
      return work.get();
    } finally {
      spark.sparkContext().setJobDescription(before);
    }
  }

  /**
   * Remembers the current phase and restores it on close: a job's phases end with the job, and a
   * job run by another job (the demo, the pipeline) hands the phase back to it.
   */
  public static Scope scope() {
    String before = session().map(s -> s.sparkContext().getLocalProperty(DESCRIPTION)).orElse(null);
    return () ->
        session()
            .filter(s -> !s.sparkContext().isStopped())
            .ifPresent(s -> s.sparkContext().setJobDescription(before));
  }

  /** The phase scope of one job run. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static Optional<SparkSession> session() {
    Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return Optional.of(active.get());
    }
    Option<SparkSession> fallback = SparkSession.getDefaultSession();
    return fallback.isDefined() ? Optional.of(fallback.get()) : Optional.empty();
  }
}
