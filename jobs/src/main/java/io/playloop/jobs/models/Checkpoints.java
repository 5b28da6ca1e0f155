package io.playloop.jobs.models;

import org.apache.spark.sql.SparkSession;

/** ALS's lineage grows with every iteration: a checkpoint directory keeps it short. */
final class Checkpoints {
  private Checkpoints() {}

  /** Sets {@code dir} (or a local temp folder when null) unless a checkpoint dir is set. */
  static void ensure(SparkSession spark, String dir) {
    if (spark.sparkContext().getCheckpointDir().isDefined()) {
      return;
    }
    String d = dir;
    if (d == null) {
      d =
          new java.io.File(System.getProperty("java.io.tmpdir"), "playloop-checkpoints")
              .toURI()
              .toString();
    }
    spark.sparkContext().setCheckpointDir(d);
  }
}
