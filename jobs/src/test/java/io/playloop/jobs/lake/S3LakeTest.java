package io.playloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.core.config.PlayloopConfig;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.JobCommandLine;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobRunner;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.importer.ImportJob;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3LakeTest {
  @Test
  void importReadsFromAndWritesDeltaTablesToAnS3aLake() throws Exception {
    SparkSession spark = SharedSpark.get();
    try (S3ProxyServer s3 = S3ProxyServer.start();
        TestDatabase db = TestDatabase.create()) {
      String bucket = s3.createBucket();
      s3.configureBucket(spark.sparkContext().hadoopConfiguration(), bucket);
      StringBuilder data = new StringBuilder("user,item,rating,timestamp\n");
      for (int u = 1; u <= 4; u++) {
        for (int i = 1; i <= 8; i++) {
          data.append(u).append(',').append((u * 3 + i * 5) % 40 + 1).append(",4,");
          data.append(1_600_000_000L + u * 1000 + i).append('\n');
        }
      }
      s3.put(bucket, "incoming/ratings.csv", data.toString());
      String lakeUri = "s3a://" + bucket + "/prod/lake";
      PlayloopConfig config =
          PlayloopConfig.load(null, Map.of("lake.uri", lakeUri, "db.url", db.url()));
      List<String> options =
          JobCommandLine.args(
              Map.of("input", "s3a://" + bucket + "/incoming/ratings.csv", "eval-negatives", "20"));
      JobContext context = new JobContext("import", options, config, SharedSpark::get);

      JobRunner.run(new ImportJob(), context);

      Lake lake = new Lake(spark, lakeUri);
      assertThat(lake.read(LakeTable.USERS).count()).isEqualTo(4);
      assertThat(lake.read(LakeTable.POSITIVES_SPLITS).count()).isEqualTo(32);
      // One user-block per train positive, one validation batch per validation positive.
      assertThat(lake.read(LakeTable.TRIPLETS).count())
          .isEqualTo(lake.read(LakeTable.POSITIVES_SPLITS).where("split = 'train'").count())
          .isPositive();
      assertThat(lake.read(LakeTable.VAL_EVAL_BATCHES).count())
          .isEqualTo(lake.read(LakeTable.POSITIVES_SPLITS).where("split = 'val'").count())
          .isPositive();
      assertThat(lake.version(LakeTable.POSITIVES_SPLITS)).isZero();
      List<String> keys =
          s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("prod/lake/")).contents().stream()
              .map(S3Object::key)
              .collect(Collectors.toList());
      assertThat(keys)
          .anyMatch(k -> k.startsWith("prod/lake/catalog/playlists/_delta_log/"))
          .anyMatch(k -> k.startsWith("prod/lake/positives_splits/split=train/"))
          .anyMatch(k -> k.endsWith(".parquet"));
      Row firstUser = lake.read(LakeTable.USERS).orderBy("user_id").head();
      assertThat(firstUser.getInt(0)).isEqualTo(1);
    }
  }
}
