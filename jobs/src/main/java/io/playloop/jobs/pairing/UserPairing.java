package io.playloop.jobs.pairing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Approximate cosine KNN over user taste vectors without a users x users join: random-hyperplane
 * LSH (sign bits of projections) puts similar users into the same bucket in at least one of a few
 * tables; exact cosine is computed only inside buckets of bounded size.
 */
public final class UserPairing {
  /** The knobs: how many neighbours, LSH tables, and users per bucket. */
  public record Params(int neighbours, int tables, int bucketSize, long seed) {}

  static final StructType PAIRS =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("neighbor_id", DataTypes.IntegerType, false)
          .add("similarity", DataTypes.FloatType, false);

  static final StructType KEYED =
      new StructType()
          .add("bucket", DataTypes.LongType, false)
          .add("user_id", DataTypes.IntegerType, false)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private UserPairing() {}

  /**
   * Neighbours of every user in {@code factors} (id, features): rows (user_id, neighbor_id,
   * similarity), at most {@code neighbours} per user, most similar first not guaranteed.
   */
  public static Dataset<Row> neighbours(Dataset<Row> factors, Params p) {
    long users = factors.count();
    int bits =
        (int) Math.max(0, Math.ceil(Math.log((double) users / p.bucketSize()) / Math.log(2)));
    int rank = factors.select(functions.size(col("features"))).head().getInt(0);
    // One bucket holds everyone: exact KNN, and more tables would only repeat it.
    float[][][] planes = hyperplanes(bits == 0 ? 1 : p.tables(), bits, rank, p.seed());
    FlatMapFunction<Row, Row> keys =
        r -> {
          int user = r.getInt(0);
          float[] v = unit(r.getList(1));
          Object features = toObjects(v);
          List<Row> out = new ArrayList<>(planes.length);
          for (int t = 0; t < planes.length; t++) {
            long code = t;
            for (float[] plane : planes[t]) {
              float dot = 0;
              for (int k = 0; k < v.length; k++) {
                dot += plane[k] * v[k];
              }
              code = code * 2 + (dot >= 0 ? 1 : 0);
            }
            // Table index in the high bits keeps the tables' buckets apart.
            out.add(RowFactory.create(((long) t << 40) | code, user, features));
          }
          return out.iterator();
        };
    Dataset<Row> keyed = factors.select("id", "features").flatMap(keys, Encoders.row(KEYED));
    // Buckets larger than bucketSize x 2 (skew) are split at random into bounded pieces.
    Dataset<Row> sizes = keyed.groupBy("bucket").agg(count("*").as("n"));
    long cap = 2L * p.bucketSize();
    Dataset<Row> pieces =
        keyed
            .join(sizes, "bucket")
            .withColumn(
                "piece",
                functions.pmod(
                    functions.hash(col("user_id"), functions.lit(p.seed())),
                    functions.ceil(col("n").divide(cap)).cast("int")))
            .groupBy("bucket", "piece")
            .agg(collect_list(struct(col("user_id"), col("features"))).as("members"));
    int k = p.neighbours();
    FlatMapFunction<Row, Row> allPairs = r -> bucketPairs(r.getList(2), k);
    Dataset<Row> pairs = pieces.flatMap(allPairs, Encoders.row(PAIRS));
    // A user met in several tables: keep each neighbour once, best first, at most k.
    Dataset<Row> grouped =
        pairs
            .groupBy("user_id", "neighbor_id")
            .agg(functions.max("similarity").as("similarity"))
            .groupBy("user_id")
            .agg(
                functions
                    .sort_array(collect_list(struct(col("similarity"), col("neighbor_id"))), false)
                    .as("ranked"));
    MapFunction<Row, Row> topK =
        r -> {
          List<Row> ranked = r.getList(1);
          int n = Math.min(k, ranked.size());
          Integer[] ids = new Integer[n];
          Float[] sims = new Float[n];
          for (int i = 0; i < n; i++) {
            sims[i] = ranked.get(i).getFloat(0);
            ids[i] = ranked.get(i).getInt(1);
          }
          return RowFactory.create(r.getInt(0), ids, sims);
        };
    return grouped.map(
        topK,
        Encoders.row(
            new StructType()
                .add("user_id", DataTypes.IntegerType, false)
                .add("neighbor_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add(
                    "similarities", DataTypes.createArrayType(DataTypes.FloatType, false), false)));
  }

  /** Every member's k most similar other members of one bucket. */
  static Iterator<Row> bucketPairs(List<Row> members, int k) {
    int n = members.size();
    int[] ids = new int[n];
    float[][] vs = new float[n][];
    for (int i = 0; i < n; i++) {
      ids[i] = members.get(i).getInt(0);
      List<Float> f = members.get(i).getList(1);
      vs[i] = new float[f.size()];
      for (int d = 0; d < vs[i].length; d++) {
        vs[i][d] = f.get(d);
      }
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PriorityQueue<float[]> best = new PriorityQueue<>((a, b) -> Float.compare(a[0], b[0]));
      for (int j = 0; j < n; j++) {
        if (j == i || ids[j] == ids[i]) {
          continue;
        }
        float dot = 0;
        for (int d = 0; d < vs[i].length; d++) {
          dot += vs[i][d] * vs[j][d];
        }
        if (best.size() < k) {
          best.add(new float[] {dot, j});
        } else if (dot > best.peek()[0]) {
          best.poll();
          best.add(new float[] {dot, j});
        }
      }
      for (float[] b : best) {
        out.add(RowFactory.create(ids[i], ids[(int) b[1]], b[0]));
      }
    }
    return out.iterator();
  }

  /**
   * The candidate rule for one user: walk the neighbours (most similar first), collecting the
   * playlists they own that the user has not liked or made, until at least {@code min} candidates;
   * then keep a reproducible sample of at most {@code max}.
   *
   * @return the neighbours used and the candidates
   */
  static int[][] candidates(
      int user,
      int[] neighbours,
      List<int[]> ownedByNeighbour,
      Set<Integer> excluded,
      int min,
      int max,
      long seed) {
    Set<Integer> found = new LinkedHashSet<>();
    int used = 0;
    for (int i = 0; i < neighbours.length && found.size() < min; i++) {
      used++;
      for (int p : ownedByNeighbour.get(i)) {
        if (!excluded.contains(p)) {
          found.add(p);
        }
      }
    }
    int[] all = found.stream().mapToInt(Integer::intValue).toArray();
    if (all.length > max) {
      Random r = new Random(seed * 31 + user);
      for (int i = all.length - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
      }
      all = Arrays.copyOf(all, max);
    }
    return new int[][] {Arrays.copyOf(neighbours, used), all};
  }

  private static float[][][] hyperplanes(int tables, int bits, int rank, long seed) {
    Random r = new Random(seed);
    float[][][] planes = new float[tables][bits][rank];
    for (float[][] t : planes) {
      for (float[] plane : t) {
        for (int d = 0; d < rank; d++) {
          plane[d] = (float) r.nextGaussian();
        }
      }
    }
    return planes;
  }

  private static float[] unit(List<Object> f) {
    float[] v = new float[f.size()];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = ((Number) f.get(i)).floatValue();
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
    return v;
  }

  private static Float[] toObjects(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
