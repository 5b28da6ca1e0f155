package io.playloop.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeTest {
  @TempDir Path dir;

  private Dataset<Row> users(SparkSession spark, int... ids) {
    List<Row> rows =
        java.util.Arrays.stream(ids).mapToObj(id -> RowFactory.create(id, id % 2 == 0)).toList();
    return spark.createDataFrame(rows, LakeTable.USERS.schema());
  }

  @Test
  void overwriteReplacesAndOldVersionsStayReadable() {
    SparkSession spark = SharedSpark.get();
    Lake lake = new Lake(spark, dir.toUri().toString());
    lake.overwrite(LakeTable.USERS, users(spark, 1, 2, 3));
    lake.overwrite(LakeTable.USERS, users(spark, 4, 5));

    assertThat(lake.read(LakeTable.USERS).count()).isEqualTo(2);
    assertThat(lake.version(LakeTable.USERS)).isEqualTo(1);
    assertThat(lake.readVersion(LakeTable.USERS.path(), 0).count()).isEqualTo(3);
  }

  @Test
  void appendOnceIgnoresARepeatedTransaction() {
    SparkSession spark = SharedSpark.get();
    Lake lake = new Lake(spark, dir.toUri().toString());
    lake.appendOnce(LakeTable.USERS, users(spark, 1, 2), "test-app", 7);
    lake.appendOnce(LakeTable.USERS, users(spark, 1, 2), "test-app", 7);
    lake.appendOnce(LakeTable.USERS, users(spark, 3), "test-app", 8);

    assertThat(lake.read(LakeTable.USERS).count()).isEqualTo(3);
  }

  @Test
  void anAppendAddsAColumnTheLayoutGainedToATableWrittenWithout() {
    SparkSession spark = SharedSpark.get();
    Lake lake = new Lake(spark, dir.toUri().toString());
    java.sql.Timestamp t = java.sql.Timestamp.valueOf("2026-01-01 00:00:00");
    // positives_splits as written before it had a source column
    spark
        .createDataFrame(
            List.of(RowFactory.create(1, 10, t, "train")),
            new org.apache.spark.sql.types.StructType()
                .add("user_id", "int")
                .add("playlist_id", "int")
                .add("event_time", "timestamp")
                .add("split", "string"))
        .write()
        .format("delta")
        .partitionBy("split")
        .save(lake.uri(LakeTable.POSITIVES_SPLITS));

    lake.appendOnce(
        LakeTable.POSITIVES_SPLITS,
        spark.createDataFrame(
            List.of(RowFactory.create(2, 20, t, "val", "feedback")),
            LakeTable.POSITIVES_SPLITS.schema()),
        "test-app",
        1);

    List<Row> rows = lake.read(LakeTable.POSITIVES_SPLITS).orderBy("user_id").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).isNullAt(rows.get(0).fieldIndex("source"))).isTrue();
    assertThat(rows.get(1).<String>getAs("source")).isEqualTo("feedback");
  }

  @Test
  void relativeFileUrisBecomeAbsolute() {
    assertThat(Lake.normalize("file:./lake")).startsWith("file:/").endsWith("/lake");
    assertThat(Lake.normalize("s3a://bucket/prefix/")).isEqualTo("s3a://bucket/prefix");
  }
}
