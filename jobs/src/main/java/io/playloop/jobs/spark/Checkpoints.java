package io.playloop.jobs.spark;

import java.io.File;
import org.apache.spark.sql.SparkSession;

/** Spark's checkpoint directory: ALS's lineage grows with every iteration, checkpoints cut it. */
public final class Checkpoints {
  private Checkpoints() {}

  /** Sets {@code dir} (or a local temp folder when null) unless a checkpoint dir is set. */
  public static void ensure(SparkSession spark, String dir) {
    if (spark.sparkContext().getCheckpointDir().isDefined()) {
      return;
    }
    String d = dir;
    if (d == null) {
      d = new File(System.getProperty("java.io.tmpdir"), "playloop-checkpoints").toURI().toString();
    }
    spark.sparkContext().setCheckpointDir(d);
  }
}
