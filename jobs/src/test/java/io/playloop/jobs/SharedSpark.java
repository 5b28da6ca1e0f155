package io.playloop.jobs;

import io.playloop.jobs.spark.SparkSessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession of a test JVM (tests share it; it stops when the JVM exits). */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      SparkConf conf =
          new SparkConf()
              .setMaster("local[2]")
              .setAppName("playloop-tests")
              .set("spark.ui.enabled", "false")
              .set("spark.sql.shuffle.partitions", "4")
              .set("spark.default.parallelism", "4")
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1");
      SparkSessions.applyDefaults(conf);
      session = SparkSession.builder().config(conf).getOrCreate();
    }
    return session;
  }
}
