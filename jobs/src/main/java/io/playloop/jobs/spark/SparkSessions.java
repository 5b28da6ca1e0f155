package io.playloop.jobs.spark;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.config.S3Settings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every job uses: Delta Lake enabled, S3A configured from Playloop's. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code jobName}. The master comes from spark-submit when it set one, unless
   * {@code masterGiven} (--master on our command line); otherwise from the configuration.
   */
  public static SparkSession create(String jobName, PlayloopConfig config, boolean masterGiven) {
    SparkConf conf = new SparkConf().setAppName("playloop-" + jobName);
    if (masterGiven || !conf.contains("spark.master")) {
      conf.setMaster(config.sparkMaster());
    }
    applyDefaults(conf);
    applyS3(conf, config.s3());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Delta Lake and the settings that suit Playloop's modest data sizes. */
  public static void applyDefaults(SparkConf conf) {
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.setIfMissing("spark.sql.shuffle.partitions", "16");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
  }

  /** S3A settings; blank values keep S3A's own defaults (AWS endpoints and credential chain). */
  public static void applyS3(SparkConf conf, S3Settings s3) {
    String p = "spark.hadoop.fs.s3a.";
    if (!s3.endpoint().isBlank()) {
      conf.set(p + "endpoint", s3.endpoint());
    }
    conf.set(p + "endpoint.region", s3.region());
    conf.set(p + "path.style.access", Boolean.toString(s3.pathStyleAccess()));
    conf.set(p + "connection.ssl.enabled", Boolean.toString(s3.sslEnabled()));
    if (!s3.accessKey().isBlank()) {
      conf.set(
          p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      conf.set(p + "access.key", s3.accessKey());
      conf.set(p + "secret.key", s3.secretKey());
    }
    conf.set("spark.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
  }
}
