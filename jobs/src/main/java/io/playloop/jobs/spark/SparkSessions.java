package io.playloop.jobs.spark;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.config.S3Settings;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Builds the SparkSession every job uses: Delta Lake enabled, S3A configured from Playloop's
 * settings where the user's own Spark and Hadoop configuration leaves a setting open.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private SparkSessions() {}

  /**
   * A session for {@code jobName}. The master comes from spark-submit when it set one, unless
   * {@code masterGiven} (--master on our command line); otherwise from the configuration.
   */
  public static SparkSession create(String jobName, PlayloopConfig config, boolean masterGiven) {
    // Before MLlib first touches BLAS, so that netlib's own warnings give way to one line.
    NativeBlas.log();
    SparkConf conf = new SparkConf().setAppName("playloop-" + jobName);
    if (masterGiven || !conf.contains("spark.master")) {
      conf.setMaster(config.sparkMaster());
    }
    applyDefaults(conf);
    applyS3(conf, config.s3());
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    Option<String> ui = spark.sparkContext().uiWebUrl();
    if (ui.isDefined()) {
      LOG.info("Spark UI (jobs, stages, SQL plans; up while the job runs): {}", ui.get());
    }
    return spark;
  }

  /**
   * Delta Lake and the settings that suit Playloop's modest data sizes. Only Delta's extension is
   * insisted on (added to any extensions already configured); everything else yields to a value set
   * in spark-defaults.conf or with --conf.
   */
  public static void applyDefaults(SparkConf conf) {
    conf.set("spark.sql.extensions", withDeltaExtension(conf.get("spark.sql.extensions", "")));
    String catalog = conf.get("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
    if (!catalog.equals(DELTA_CATALOG)) {
      LOG.warn(
          "spark.sql.catalog.spark_catalog is {}, not Delta's {}: SQL on delta.`path` tables may"
              + " fail",
          catalog,
          DELTA_CATALOG);
    }
    conf.setIfMissing("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
    conf.setIfMissing("spark.sql.shuffle.partitions", "16");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    // Spark's progress bar where a person watches (a terminal), log lines everywhere else.
    conf.setIfMissing("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null));
    conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
  }

  /** {@code extensions} (a comma-separated list, possibly blank) with Delta's added once. */
  static String withDeltaExtension(String extensions) {
    boolean present =
        Arrays.stream(extensions.split(",")).map(String::trim).anyMatch(DELTA_EXTENSION::equals);
    if (present) {
      return extensions;
    }
    return extensions.isBlank() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION;
  }

  /**
   * Playloop's S3 settings as S3A defaults, against the Hadoop configuration found on the classpath
   * (core-site.xml in HADOOP_CONF_DIR).
   */
  public static void applyS3(SparkConf conf, S3Settings s3) {
    applyS3(conf, s3, new Configuration());
  }

  /**
   * Playloop's S3 settings as S3A defaults: each {@code fs.s3a.*} key is set only when neither the
   * Spark configuration ({@code spark.hadoop.fs.s3a.*} from spark-defaults.conf or --conf) nor a
   * Hadoop resource such as core-site.xml sets it. Blank Playloop values set nothing, so S3A's own
   * defaults hold (TLS on, AWS endpoints, its credential chain).
   */
  static void applyS3(SparkConf conf, S3Settings s3, Configuration hadoop) {
    S3aDefaults defaults = new S3aDefaults(conf, hadoop);
    defaults.offer("fs.s3a.endpoint", s3.endpoint());
    defaults.offer("fs.s3a.endpoint.region", s3.region());
    defaults.offer("fs.s3a.path.style.access", Boolean.toString(s3.pathStyleAccess()));
    defaults.offer("fs.s3a.connection.ssl.enabled", Boolean.toString(s3.sslEnabled()));
    if (!s3.accessKey().isBlank()) {
      defaults.offer(
          "fs.s3a.aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      defaults.offer("fs.s3a.access.key", s3.accessKey());
      defaults.offer("fs.s3a.secret.key", s3.secretKey());
    }
  }

  /** Sets Hadoop keys through the Spark configuration unless the user already set them. */
  private record S3aDefaults(SparkConf conf, Configuration hadoop) {
    void offer(String key, String value) {
      if (value == null || value.isBlank() || userSet(key)) {
        return;
      }
      conf.set(HADOOP_PREFIX + key, value);
    }

    /** Set in Spark's configuration, or by any Hadoop resource other than Hadoop's defaults. */
    boolean userSet(String key) {
      if (conf.contains(HADOOP_PREFIX + key)) {
        return true;
      }
      String[] sources = hadoop.getPropertySources(key);
      return sources != null
          && Arrays.stream(sources).anyMatch(source -> !source.equals("core-default.xml"));
    }
  }
}
