package io.playloop.jobs.spark;

import java.io.File;
import org.apache.spark.sql.SparkSession;

/** Spark's checkpoint directory: ALS's lineage grows with every iteration, checkpoints cut it. */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Sets {@code dir}, the job's own lake folder (or a local temp folder when null), as the
   * checkpoint dir. Set by every job that checkpoints: a session that ran a job on another lake
   * before (the pipeline, the tests) may still point at one that is gone.
   */
  public static void ensure(SparkSession spark, String dir) {
    String d = dir;
    if (d == null) {
      d = new File(System.getProperty("java.io.tmpdir"), "playloop-checkpoints").toURI().toString();
    }
    spark.sparkContext().setCheckpointDir(d);
  }
}
