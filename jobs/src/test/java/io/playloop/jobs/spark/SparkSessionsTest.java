package io.playloop.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.config.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSessionsTest {
  private static final S3Settings MINIO =
      new S3Settings("http://minio:9000", "us-east-1", "access", "secret", true, false);

  /** Hadoop's configuration as a job sees it without a core-site.xml: core-default.xml only. */
  private static Configuration hadoopDefaults() {
    return new Configuration();
  }

  @Test
  void playloopSettingsFillWhatNobodyElseSet() {
    SparkConf conf = new SparkConf(false);

    SparkSessions.applyS3(conf, MINIO, hadoopDefaults());

    assertThat(conf.get("spark.hadoop.fs.s3a.endpoint")).isEqualTo("http://minio:9000");
    assertThat(conf.get("spark.hadoop.fs.s3a.endpoint.region")).isEqualTo("us-east-1");
    assertThat(conf.get("spark.hadoop.fs.s3a.path.style.access")).isEqualTo("true");
    assertThat(conf.get("spark.hadoop.fs.s3a.connection.ssl.enabled")).isEqualTo("false");
    assertThat(conf.get("spark.hadoop.fs.s3a.access.key")).isEqualTo("access");
    assertThat(conf.get("spark.hadoop.fs.s3a.secret.key")).isEqualTo("secret");
    assertThat(conf.get("spark.hadoop.fs.s3a.aws.credentials.provider"))
        .isEqualTo("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  }

  @Test
  void aValueSetWithConfOrInSparkDefaultsSurvives() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1")
            .set("spark.hadoop.fs.s3a.connection.ssl.enabled", "true")
            .set(
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider");

    SparkSessions.applyS3(conf, MINIO, hadoopDefaults());

    assertThat(conf.get("spark.hadoop.fs.s3a.endpoint.region")).isEqualTo("eu-west-1");
    assertThat(conf.get("spark.hadoop.fs.s3a.connection.ssl.enabled")).isEqualTo("true");
    assertThat(conf.get("spark.hadoop.fs.s3a.aws.credentials.provider"))
        .isEqualTo("org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider");
    // Keys the user left open still get Playloop's values.
    assertThat(conf.get("spark.hadoop.fs.s3a.endpoint")).isEqualTo("http://minio:9000");
  }

  @Test
  void aValueInCoreSiteXmlSurvives(@TempDir Path dir) throws Exception {
    Path coreSite = dir.resolve("core-site.xml");
    Files.writeString(
        coreSite,
        """
        <?xml version="1.0"?>
        <configuration>
          <property><name>fs.s3a.path.style.access</name><value>false</value></property>
          <property><name>fs.s3a.endpoint</name><value>https://s3.eu-west-1.amazonaws.com</value></property>
        </configuration>
        """);
    Configuration hadoop = hadoopDefaults();
    hadoop.addResource(new org.apache.hadoop.fs.Path(coreSite.toUri()));
    SparkConf conf = new SparkConf(false);

    SparkSessions.applyS3(conf, MINIO, hadoop);

    // Not set through Spark, so the session's Hadoop configuration keeps core-site.xml's values.
    assertThat(conf.contains("spark.hadoop.fs.s3a.path.style.access")).isFalse();
    assertThat(conf.contains("spark.hadoop.fs.s3a.endpoint")).isFalse();
    assertThat(hadoop.get("fs.s3a.path.style.access")).isEqualTo("false");
    assertThat(conf.get("spark.hadoop.fs.s3a.endpoint.region")).isEqualTo("us-east-1");
  }

  @Test
  void hadoopsOwnDefaultsDoNotCountAsTheUsers() {
    Configuration hadoop = hadoopDefaults();
    // core-default.xml does define these, yet they are defaults, not choices.
    assertThat(hadoop.get("fs.s3a.connection.ssl.enabled")).isNotNull();
    assertThat(hadoop.getPropertySources("fs.s3a.connection.ssl.enabled"))
        .containsExactly("core-default.xml");
    SparkConf conf = new SparkConf(false);

    SparkSessions.applyS3(conf, MINIO, hadoop);

    assertThat(conf.get("spark.hadoop.fs.s3a.connection.ssl.enabled")).isEqualTo("false");
  }

  @Test
  void tlsIsOnAndCredentialsAreS3asOwnUnlessConfigured() {
    S3Settings shipped =
        PlayloopConfig.load(null, Map.of("s3.endpoint", "", "s3.access-key", "")).s3();
    SparkConf conf = new SparkConf(false);

    SparkSessions.applyS3(conf, shipped, hadoopDefaults());

    assertThat(shipped.sslEnabled()).isTrue();
    assertThat(conf.get("spark.hadoop.fs.s3a.connection.ssl.enabled", "true")).isEqualTo("true");
    assertThat(conf.contains("spark.hadoop.fs.s3a.endpoint")).isFalse();
    assertThat(conf.contains("spark.hadoop.fs.s3a.aws.credentials.provider")).isFalse();
    assertThat(conf.contains("spark.hadoop.fs.s3a.access.key")).isFalse();
    assertThat(conf.contains("spark.hadoop.fs.s3a.secret.key")).isFalse();
  }

  @Test
  void deltasExtensionIsAddedToTheUsersExtensionsOnce() {
    SparkConf conf = new SparkConf(false).set("spark.sql.extensions", "com.example.AuditExtension");

    SparkSessions.applyDefaults(conf);
    SparkSessions.applyDefaults(conf);

    assertThat(conf.get("spark.sql.extensions"))
        .isEqualTo("com.example.AuditExtension,io.delta.sql.DeltaSparkSessionExtension");
    assertThat(conf.get("spark.sql.catalog.spark_catalog"))
        .isEqualTo("org.apache.spark.sql.delta.catalog.DeltaCatalog");
  }

  @Test
  void withoutExtensionsDeltasIsTheOnlyOne() {
    SparkConf conf = new SparkConf(false);

    SparkSessions.applyDefaults(conf);

    assertThat(conf.get("spark.sql.extensions"))
        .isEqualTo("io.delta.sql.DeltaSparkSessionExtension");
  }

  @Test
  void settingsTheUserChoseAreKept() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.sql.shuffle.partitions", "200")
            .set("spark.ui.showConsoleProgress", "true")
            .set("spark.sql.session.timeZone", "Europe/Paris");

    SparkSessions.applyDefaults(conf);

    assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("200");
    assertThat(conf.get("spark.ui.showConsoleProgress")).isEqualTo("true");
    assertThat(conf.get("spark.sql.session.timeZone")).isEqualTo("Europe/Paris");
  }

  @Test
  void noTerminalMeansNoConsoleProgressBar() {
    // Maven's forked test JVM has no console, like cron and schedulers.
    assertThat(System.console()).isNull();
    SparkConf conf = new SparkConf(false);

    SparkSessions.applyDefaults(conf);

    assertThat(conf.get("spark.ui.showConsoleProgress")).isEqualTo("false");
  }
}
