package io.playloop.jobs.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Names the phase a job is in ("pair-users: taste vectors"), as Spark's job description: the Spark
 * UI lists its jobs under that name and {@link SparkProgress} prints it.
 */
public final class JobPhase {
  private static final String DESCRIPTION = "spark.job.description";

  private JobPhase() {}

  /** From now on, on this thread, Spark jobs belong to {@code phase} (null: no phase). */
  public static void begin(SparkSession spark, String phase) {
    spark.sparkContext().setJobDescription(phase);
  }

  /** Runs {@code work} as {@code phase}, then restores the phase that was current before. */
  public static <T> T during(SparkSession spark, String phase, Supplier<T> work) {
    String before = spark.sparkContext().getLocalProperty(DESCRIPTION);
    begin(spark, phase);
    try {
      return work.get();
    } finally {
      begin(spark, before);
    }
  }
}
