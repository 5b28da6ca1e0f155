package io.playloop.jobs.lake;

import io.playloop.jobs.spark.SparkSessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Reads lake tables with Delta in a separate JVM and prints, per table, "path version rows
 * distinct_rows" (integration tests whose own JVM has no Spark flags use it).
 */
public final class LakeProbe {
  private LakeProbe() {}

  public static void main(String[] args) {
    SparkConf conf =
        new SparkConf()
            .setMaster("local[1]")
            .setAppName("lake-probe")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.sql.shuffle.partitions", "2");
    SparkSessions.applyDefaults(conf);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    Lake lake = new Lake(spark, args[0]);
    for (int i = 1; i < args.length; i++) {
      LakeTable d = LakeTable.valueOf(args[i]);
      if (!lake.exists(d)) {
        System.out.println(d.name() + " -1 0 0");
        continue;
      }
      var rows = lake.read(d);
      System.out.println(
          d.name() + " " + lake.version(d) + " " + rows.count() + " " + rows.distinct().count());
    }
    spark.stop();
  }
}
