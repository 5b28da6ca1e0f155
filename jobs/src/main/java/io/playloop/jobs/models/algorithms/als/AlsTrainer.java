package io.playloop.jobs.models.algorithms.als;

import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.spark.JoinColumns;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Trains Spark MLlib ALS in implicit mode on ratings (user_id, playlist_id, rating): positives
 * carry +1 and the user-blocks' explicit negatives -negativeWeight, which implicit ALS reads as
 * confident zeros (confidence 1 + alpha |r|, preference 0).
 */
public final class AlsTrainer {
  private AlsTrainer() {}

  /** Ratings from positives (user_id, playlist_id) and negatives (same columns, may be empty). */
  public static Dataset<Row> ratings(
      Dataset<Row> positives, Dataset<Row> negatives, double negativeWeight) {
    Dataset<Row> pos =
        positives
            .select("user_id", "playlist_id")
            .distinct()
            .withColumn("rating", functions.lit(1f));
    if (negatives == null || negativeWeight <= 0) {
      return pos;
    }
    Dataset<Row> neg =
        negatives
            .select("user_id", "playlist_id")
            .distinct()
            .join(pos, JoinColumns.of("user_id", "playlist_id"), "left_anti")
            .withColumn("rating", functions.lit((float) -negativeWeight));
    return pos.unionByName(neg);
  }

  /** Fits ALS and brings its factors to the driver. */
  public static AlsModel fit(Dataset<Row> ratings, AlsParams p, long seed) {
    ALSModel model = als(p, seed).fit(ratings);
    return new AlsModel(
        IdVectors.collect(model.userFactors(), p.rank()),
        IdVectors.collect(model.itemFactors(), p.rank()),
        p);
  }

  /** Fits ALS and keeps the user factors (id, features) in Spark. */
  public static Dataset<Row> userFactors(Dataset<Row> ratings, AlsParams p, long seed) {
    return als(p, seed).fit(ratings).userFactors();
  }

  private static ALS als(AlsParams p, long seed) {
    // ALS's default of 10 blocks means many tiny tasks on a small machine: one block per core.
    int blocks =
        Math.max(2, Math.min(10, SparkSession.active().sparkContext().defaultParallelism()));
    return new ALS()
        .setNumUserBlocks(blocks)
        .setNumItemBlocks(blocks)
        .setImplicitPrefs(true)
        .setRank(p.rank())
        .setRegParam(p.reg())
        .setAlpha(p.alpha())
        .setMaxIter(p.iterations())
        .setSeed(seed)
        .setUserCol("user_id")
        .setItemCol("playlist_id")
        .setRatingCol("rating")
        .setColdStartStrategy("drop")
        .setCheckpointInterval(5);
  }
}
