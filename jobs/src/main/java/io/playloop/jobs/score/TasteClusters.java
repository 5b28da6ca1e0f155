package io.playloop.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Groups the liked playlists into taste clusters for exploration: item factors of a small implicit
 * ALS over the training positives (whatever the served model is), clustered by k-means with cosine
 * distance; each cluster's pool is its most liked members. Independent of the scored model, so a
 * popularity or EASE version explores as well as a factor model.
 */
public final class TasteClusters {
  private static final int RANK = 16;
  private static final int ALS_ITERATIONS = 6;
  private static final int KMEANS_ITERATIONS = 20;

  /** One cluster: its pool (most liked first) and all its members (ascending). */
  public record Cluster(int id, int[] pool, int[] members) {}

  private TasteClusters() {}

  /**
   * Up to {@code k} non-empty clusters of the playlists in {@code positives} (user_id,
   * playlist_id), each with a pool of at most {@code poolSize}; none when fewer than two playlists
   * were liked.
   */
  public static List<Cluster> compute(Dataset<Row> positives, int k, int poolSize, long seed) {
    Dataset<Row> ratings =
        positives.select("user_id", "playlist_id").distinct().withColumn("rating", lit(1f));
    List<Row> likes = ratings.groupBy("playlist_id").agg(count(lit(1)).as("n")).collectAsList();
    if (likes.size() < 2 || k < 1) {
      return List.of();
    }
    int blocks =
        Math.max(2, Math.min(10, SparkSession.active().sparkContext().defaultParallelism()));
    ALSModel als =
        new ALS()
            .setNumUserBlocks(blocks)
            .setNumItemBlocks(blocks)
            .setImplicitPrefs(true)
            .setRank(RANK)
            .setRegParam(0.05)
            .setAlpha(10)
            .setMaxIter(ALS_ITERATIONS)
            .setSeed(seed)
            .setUserCol("user_id")
            .setItemCol("playlist_id")
            .setRatingCol("rating")
            .fit(ratings);
    List<Row> factors =
        als.itemFactors().select(col("id"), col("features")).orderBy("id").collectAsList();
    int n = factors.size();
    int[] ids = new int[n];
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      Row r = factors.get(i);
      ids[i] = r.getInt(0);
      List<Object> f = r.getList(1);
      float[] v = new float[f.size()];
      for (int d = 0; d < v.length; d++) {
        v[d] = ((Number) f.get(d)).floatValue();
      }
      vectors[i] = normalized(v);
    }
    long[] liked = new long[n];
    for (Row r : likes) {
      int at = Arrays.binarySearch(ids, r.getInt(0));
      if (at >= 0) {
        liked[at] = r.getLong(1);
      }
    }
    int[] assignment = sphericalKMeans(vectors, Math.min(k, n), seed);
    return clusters(ids, liked, assignment, poolSize);
  }

  /**
   * K-means with cosine distance on unit vectors: each point joins the centre of highest dot
   * product; centres are the normalized means. Deterministic for a seed.
   */
  static int[] sphericalKMeans(float[][] points, int k, long seed) {
    int n = points.length;
    int dims = n == 0 ? 0 : points[0].length;
    Random random = new Random(seed);
    float[][] centres = new float[k][];
    // k-means++ seeding on cosine distance: spread centres over the tastes.
    centres[0] = points[random.nextInt(n)].clone();
    double[] distance = new double[n];
    Arrays.fill(distance, Double.MAX_VALUE);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        distance[i] = Math.min(distance[i], Math.max(0, 1 - dot(points[i], centres[c - 1])));
        total += distance[i] * distance[i];
      }
      double pick = random.nextDouble() * total;
      int chosen = n - 1;
      for (int i = 0; i < n; i++) {
        pick -= distance[i] * distance[i];
        if (pick <= 0) {
          chosen = i;
          break;
        }
      }
      centres[c] = points[chosen].clone();
    }
    int[] assignment = new int[n];
    for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        float bestDot = -Float.MAX_VALUE;
        for (int c = 0; c < k; c++) {
          float d = dot(points[i], centres[c]);
          if (d > bestDot) {
            bestDot = d;
            best = c;
          }
        }
        changed |= assignment[i] != best || iteration == 0;
        assignment[i] = best;
      }
      if (!changed) {
        break;
      }
      float[][] sums = new float[k][dims];
      for (int i = 0; i < n; i++) {
        float[] s = sums[assignment[i]];
        for (int d = 0; d < dims; d++) {
          s[d] += points[i][d];
        }
      }
      for (int c = 0; c < k; c++) {
        if (norm(sums[c]) > 0) {
          centres[c] = normalized(sums[c]);
        }
      }
    }
    return assignment;
  }

  /** The non-empty clusters, renumbered 0.. without gaps (the server relies on it). */
  static List<Cluster> clusters(int[] ids, long[] liked, int[] assignment, int poolSize) {
    int k = Arrays.stream(assignment).max().orElse(-1) + 1;
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < ids.length; i++) {
      members.get(assignment[i]).add(i);
    }
    List<Cluster> out = new ArrayList<>();
    for (List<Integer> m : members) {
      if (m.isEmpty()) {
        continue;
      }
      int[] all = m.stream().mapToInt(i -> ids[i]).sorted().toArray();
      int[] pool =
          m.stream()
              .sorted((a, b) -> liked[a] != liked[b] ? Long.compare(liked[b], liked[a]) : a - b)
              .limit(poolSize)
              .mapToInt(i -> ids[i])
              .toArray();
      out.add(new Cluster(out.size(), pool, all));
    }
    return out;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int d = 0; d < a.length; d++) {
      s += a[d] * b[d];
    }
    return s;
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static float[] normalized(float[] v) {
    double norm = norm(v);
    if (norm == 0) {
      return v;
    }
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = (float) (v[d] / norm);
    }
    return out;
  }
}
