package io.playloop.jobs.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Trains Spark MLlib ALS in implicit mode on ratings (user_id, playlist_id, rating): positives
 * carry +1 and the user-blocks' explicit negatives -negativeWeight, which implicit ALS reads as
 * confident zeros (confidence 1 + alpha |r|, preference 0).
 */
public final class AlsTrainer {
  /** ALS's knobs. */
  public record Params(int rank, double reg, double alpha, int iterations, double negativeWeight) {
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", rank);
      m.put("reg", reg);
      m.put("alpha", alpha);
      m.put("iterations", iterations);
      m.put("negative_weight", negativeWeight);
      return m;
    }
  }

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
            .join(pos, Spark.columns("user_id", "playlist_id"), "left_anti")
            .withColumn("rating", functions.lit((float) -negativeWeight));
    return pos.unionByName(neg);
  }

  /** Fits ALS and brings its factors to the driver. */
  public static AlsModel fit(Dataset<Row> ratings, Params p, long seed) {
    ALSModel model = als(p, seed).fit(ratings);
    Factors users = Factors.collect(model.userFactors(), p.rank());
    Factors items = Factors.collect(model.itemFactors(), p.rank());
    return new AlsModel(
        users.index(), users.values(), items.index(), items.values(), p.rank(), p.asMap());
  }

  /** Fits ALS and keeps the user factors (id, features) in Spark. */
  public static Dataset<Row> userFactors(Dataset<Row> ratings, Params p, long seed) {
    return als(p, seed).fit(ratings).userFactors();
  }

  private static ALS als(Params p, long seed) {
    // ALS's default of 10 blocks means many tiny tasks on a small machine: one block per core.
    int blocks =
        Math.max(
            2,
            Math.min(
                10,
                org.apache.spark.sql.SparkSession.active().sparkContext().defaultParallelism()));
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

  /** Factor rows (id, features) collected into an index and a flat row-major array. */
  record Factors(IdIndex index, float[] values) {
    static Factors collect(Dataset<Row> factors, int rank) {
      List<Row> rows = factors.select("id", "features").collectAsList();
      int[] ids = rows.stream().mapToInt(r -> r.getInt(0)).toArray();
      IdIndex index = new IdIndex(ids);
      float[] values = new float[index.size() * rank];
      for (Row r : rows) {
        int at = index.index(r.getInt(0)) * rank;
        List<Object> f = r.getList(1);
        for (int k = 0; k < rank; k++) {
          values[at + k] = ((Number) f.get(k)).floatValue();
        }
      }
      return new Factors(index, values);
    }
  }
}
