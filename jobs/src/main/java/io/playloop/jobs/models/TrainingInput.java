package io.playloop.jobs.models;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the rankers train on: train positives and the user-blocks' explicit negatives as Spark
 * tables (user_id, playlist_id), the user-blocks themselves for the pairwise ranker, and, when the
 * world is small enough, the positives on the driver.
 *
 * @param blocks user_id, playlist_id_positive, playlist_id_negative_list: every train positive
 *     once, with the negatives of its user-block (an empty list when it has none)
 * @param history the positives on the driver, or null when too big to collect
 * @param itemCount distinct items among the positives
 * @param profile each positive's weight in its user's profile, or null when all weigh alike
 */
public record TrainingInput(
    SparkSession spark,
    Dataset<Row> positives,
    Dataset<Row> negatives,
    Dataset<Row> blocks,
    UserHistory history,
    long itemCount,
    ProfileWeights profile) {

  /** A driver-side history turned into Spark tables (benchmark and small worlds); no negatives. */
  public static TrainingInput of(SparkSession spark, UserHistory history) {
    java.util.List<Row> rows = new java.util.ArrayList<>();
    for (int u : history.users()) {
      for (int i : history.items(u)) {
        rows.add(org.apache.spark.sql.RowFactory.create(u, i));
      }
    }
    Dataset<Row> positives = spark.createDataFrame(rows, PAIRS).cache();
    long items =
        history.users().stream()
            .flatMapToInt(u -> java.util.Arrays.stream(history.items(u)))
            .distinct()
            .count();
    return new TrainingInput(
        spark, positives, null, withoutNegatives(positives), history, items, null);
  }

  /** Positives (user_id, playlist_id) as user-blocks with no negatives. */
  public static Dataset<Row> withoutNegatives(Dataset<Row> positives) {
    return positives.select(
        positives.col("user_id"),
        positives.col("playlist_id").as("playlist_id_positive"),
        org.apache
            .spark
            .sql
            .functions
            .array()
            .cast(
                org.apache.spark.sql.types.DataTypes.createArrayType(
                    org.apache.spark.sql.types.DataTypes.IntegerType))
            .as("playlist_id_negative_list"));
  }

  /** Schema of (user_id, playlist_id) pairs. */
  public static final org.apache.spark.sql.types.StructType PAIRS =
      new org.apache.spark.sql.types.StructType()
          .add("user_id", org.apache.spark.sql.types.DataTypes.IntegerType, false)
          .add("playlist_id", org.apache.spark.sql.types.DataTypes.IntegerType, false);
}
