package io.playloop.jobs.models.algorithms.bpr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a pairwise (BPR) factor model in Spark on user-blocks: each positive is pushed above the
 * negatives of its own block first (for feedback, what the user was shown with it and did not like;
 * for the bootstrap, the hard and easy negatives), then above uniformly sampled catalog playlists
 * that the user never liked.
 *
 * <p>One epoch is one pass over every user's blocks. Users are partitioned by id and keep their
 * factors inside their partition; the item factors are broadcast, each partition runs plain SGD on
 * its own copy, and the driver averages the item changes of the partitions that touched an item
 * (parameter averaging, as in Hogwild-style distributed SGD). Memory: O(users x rank) in the
 * executors, O(items x rank) on the driver and in each partition. Time: O(epochs x positives x
 * (negatives per block + sampled negatives) x rank).
 *
 * <p>Factors have {@code rank + 1} columns: an item's last one is its bias and a user's last one is
 * fixed at 1, so the score is a plain dot product and a user without blocks still gets the items'
 * biases (a learned popularity).
 */
public final class BprTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(BprTrainer.class);

  private BprTrainer() {}

  /** Learned factors: row-major arrays of {@code width} floats per user and per item. */
  public record Factors(int[] userIds, float[] users, int[] itemIds, float[] items, int width) {}

  /**
   * Fits the model.
   *
   * @param blocks user-blocks: user_id, playlist_id_positive, playlist_id_negative_list (may be
   *     null or empty: then only sampled negatives teach)
   * @param catalog every playlist id the model may rank (sampled negatives come from it)
   */
  public static Factors fit(Dataset<Row> blocks, int[] catalog, BprParams p, long seed) {
    SparkSession spark = blocks.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int[] itemIds = itemIds(blocks, catalog);
    int width = p.rank() + 1;
    int partitions = Math.max(2, jsc.defaultParallelism());

    Broadcast<int[]> itemIndex = jsc.broadcast(itemIds);
    JavaRDD<UserState> users =
        blocks
            .select(
                col("user_id"),
                struct(col("playlist_id_positive"), col("playlist_id_negative_list")).as("block"))
            .groupBy("user_id")
            .agg(collect_list(col("block")).as("blocks"))
            .toJavaRDD()
            .map(r -> UserState.of(r, itemIndex.value(), width, seed))
            .filter(u -> u.positives.length > 0)
            .repartition(partitions);
    users.persist(StorageLevel.MEMORY_AND_DISK());

    float[] items = initialItems(itemIds.length, width, seed);
    for (int epoch = 0; epoch < p.epochs(); epoch++) {
      double lr = p.learningRate() * Math.pow(p.decay(), epoch);
      Broadcast<float[]> current = jsc.broadcast(items);
      int e = epoch;
      JavaRDD<EpochPart> parts =
          users
              .mapPartitions(
                  it ->
                      List.of(EpochPart.run(it, current.value(), width, p, lr, seed, e)).iterator())
              .persist(StorageLevel.MEMORY_AND_DISK());
      List<ItemDelta> deltas = parts.map(EpochPart::delta).collect();
      JavaRDD<UserState> next = parts.flatMap(part -> part.users().iterator());
      next.persist(StorageLevel.MEMORY_AND_DISK());
      // Cuts the lineage every epoch: tasks would otherwise carry every earlier epoch's closure.
      next.rdd().localCheckpoint();
      long n = next.count();
      users.unpersist(false);
      parts.unpersist(false);
      current.unpersist(false);
      users = next;
      items = ItemDelta.average(items, deltas, width);
      if (epoch == 0 || epoch == p.epochs() - 1) {
        double loss = deltas.stream().mapToDouble(ItemDelta::loss).sum();
        long steps = deltas.stream().mapToLong(ItemDelta::steps).sum();
        LOG.info(
            "bpr epoch {}/{}: {} users, mean log-loss {}",
            epoch + 1,
            p.epochs(),
            n,
            String.format("%.4f", steps == 0 ? 0 : loss / steps));
      }
    }

    List<UserState> trained = new ArrayList<>(users.collect());
    users.unpersist(false);
    itemIndex.unpersist(false);
    int[] userIds = new int[trained.size()];
    float[] userFactors = new float[trained.size() * width];
    trained.sort((a, b) -> Integer.compare(a.user, b.user));
    for (int i = 0; i < trained.size(); i++) {
      userIds[i] = trained.get(i).user;
      System.arraycopy(trained.get(i).vector, 0, userFactors, i * width, width);
    }
    return new Factors(userIds, userFactors, itemIds, items, width);
  }

  /** Catalog ids plus any id the blocks mention, sorted and distinct. */
  private static int[] itemIds(Dataset<Row> blocks, int[] catalog) {
    Dataset<Row> mentioned =
        blocks
            .select(col("playlist_id_positive").as("id"))
            .unionByName(
                blocks.select(
                    org.apache
                        .spark
                        .sql
                        .functions
                        .explode(col("playlist_id_negative_list"))
                        .as("id")))
            .where(col("id").isNotNull())
            .distinct();
    int[] fromBlocks = mentioned.collectAsList().stream().mapToInt(r -> r.getInt(0)).toArray();
    int[] all = Arrays.copyOf(catalog, catalog.length + fromBlocks.length);
    System.arraycopy(fromBlocks, 0, all, catalog.length, fromBlocks.length);
    return Arrays.stream(all).sorted().distinct().toArray();
  }

  private static float[] initialItems(int n, int width, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x6974656dL);
    float[] v = new float[n * width];
    double scale = 0.1 / Math.sqrt(width - 1.0);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < width - 1; k++) {
        v[i * width + k] = (float) (gaussian(r) * scale);
      }
      // bias starts at 0
    }
    return v;
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** One user's blocks (as dense item positions) and factors. */
  static final class UserState implements Serializable {
    private static final long serialVersionUID = 1L;
    final int user;
    final int[] positives;
    final int[][] negatives;
    final int[] positiveSet;
    final float[] vector;

    UserState(int user, int[] positives, int[][] negatives, float[] vector) {
      this.user = user;
      this.positives = positives;
      this.negatives = negatives;
      this.positiveSet = Arrays.stream(positives).sorted().distinct().toArray();
      this.vector = vector;
    }

    static UserState of(Row r, int[] itemIds, int width, long seed) {
      int user = r.getInt(0);
      List<Row> blocks = r.getList(1);
      int[] pos = new int[blocks.size()];
      int[][] neg = new int[blocks.size()][];
      int n = 0;
      for (Row b : blocks) {
        if (b.isNullAt(0)) {
          continue;
        }
        int p = Arrays.binarySearch(itemIds, b.getInt(0));
        if (p < 0) {
          continue;
        }
        List<Integer> ns = b.isNullAt(1) ? List.of() : b.getList(1);
        int[] dense = new int[ns.size()];
        int m = 0;
        for (Integer id : ns) {
          int j = id == null ? -1 : Arrays.binarySearch(itemIds, id);
          if (j >= 0 && j != p) {
            dense[m++] = j;
          }
        }
        pos[n] = p;
        neg[n] = Arrays.copyOf(dense, m);
        n++;
      }
      SplittableRandom rnd = new SplittableRandom(seed * 31 + user);
      float[] v = new float[width];
      double scale = 0.1 / Math.sqrt(width - 1.0);
      for (int k = 0; k < width - 1; k++) {
        v[k] = (float) (gaussian(rnd) * scale);
      }
      v[width - 1] = 1f;
      return new UserState(user, Arrays.copyOf(pos, n), Arrays.copyOf(neg, n), v);
    }

    UserState copy() {
      return new UserState(user, positives, negatives, vector.clone());
    }

    boolean liked(int item) {
      return Arrays.binarySearch(positiveSet, item) >= 0;
    }
  }

  /** What one partition did in one epoch: its users' new factors and its item changes. */
  record EpochPart(List<UserState> users, ItemDelta delta) implements Serializable {
    static EpochPart run(
        Iterator<UserState> it,
        float[] shared,
        int width,
        BprParams p,
        double lr,
        long seed,
        int epoch) {
      float[] items = shared.clone();
      boolean[] touched = new boolean[shared.length / width];
      int nItems = touched.length;
      List<UserState> out = new ArrayList<>();
      float[] diff = new float[width];
      double loss = 0;
      long steps = 0;
      while (it.hasNext()) {
        // A copy: the parent RDD's cached objects must not change if a partition is recomputed.
        UserState u = it.next().copy();
        SplittableRandom r = new SplittableRandom((seed * 1_000_003L + u.user) * 7919 + epoch);
        int[] order = shuffled(u.positives.length, r);
        for (int b : order) {
          int i = u.positives[b];
          for (int j : u.negatives[b]) {
            if (!u.liked(j)) {
              loss += step(u.vector, items, i, j, width, p.explicitWeight() * lr, p, diff);
              touched[i] = touched[j] = true;
              steps++;
            }
          }
          for (int s = 0; s < p.sampledNegatives(); s++) {
            int j = r.nextInt(nItems);
            if (j == i || u.liked(j)) {
              continue;
            }
            loss += step(u.vector, items, i, j, width, lr, p, diff);
            touched[i] = touched[j] = true;
            steps++;
          }
        }
        out.add(u);
      }
      return new EpochPart(out, ItemDelta.of(shared, items, touched, width, loss, steps));
    }

    /** One SGD step on -log sigmoid(x_ui - x_uj); returns the loss before the step. */
    static double step(
        float[] user, float[] items, int i, int j, int width, double lr, BprParams p, float[] d) {
      int bi = i * width;
      int bj = j * width;
      double x = 0;
      for (int k = 0; k < width; k++) {
        d[k] = items[bi + k] - items[bj + k];
        x += user[k] * d[k];
      }
      double g = 1.0 / (1.0 + Math.exp(x)); // sigmoid(-x)
      double reg = p.reg();
      for (int k = 0; k < width - 1; k++) {
        float uk = user[k];
        user[k] += (float) (lr * (g * d[k] - reg * uk));
        items[bi + k] += (float) (lr * (g * uk - reg * items[bi + k]));
        items[bj + k] += (float) (lr * (-g * uk - reg * items[bj + k]));
      }
      int b = width - 1;
      double biasReg = p.biasReg();
      items[bi + b] += (float) (lr * (g - biasReg * items[bi + b]));
      items[bj + b] += (float) (lr * (-g - biasReg * items[bj + b]));
      return x > 30 ? Math.exp(-x) : Math.log1p(Math.exp(-x));
    }

    private static int[] shuffled(int n, SplittableRandom r) {
      int[] a = new int[n];
      for (int k = 0; k < n; k++) {
        a[k] = k;
      }
      for (int k = n - 1; k > 0; k--) {
        int m = r.nextInt(k + 1);
        int t = a[k];
        a[k] = a[m];
        a[m] = t;
      }
      return a;
    }
  }

  /** The item factors one partition changed: positions and their new minus old values. */
  record ItemDelta(int[] positions, float[] changes, double loss, long steps)
      implements Serializable {
    static ItemDelta of(
        float[] before, float[] after, boolean[] touched, int width, double loss, long steps) {
      int n = 0;
      for (boolean t : touched) {
        n += t ? 1 : 0;
      }
      int[] positions = new int[n];
      float[] changes = new float[n * width];
      int at = 0;
      for (int i = 0; i < touched.length; i++) {
        if (touched[i]) {
          positions[at] = i;
          for (int k = 0; k < width; k++) {
            changes[at * width + k] = after[i * width + k] - before[i * width + k];
          }
          at++;
        }
      }
      return new ItemDelta(positions, changes, loss, steps);
    }

    /** The item factors plus, per item, the mean change of the partitions that touched it. */
    static float[] average(float[] items, List<ItemDelta> deltas, int width) {
      int nItems = items.length / width;
      float[] sum = new float[items.length];
      int[] count = new int[nItems];
      for (ItemDelta d : deltas) {
        for (int a = 0; a < d.positions.length; a++) {
          int i = d.positions[a];
          count[i]++;
          for (int k = 0; k < width; k++) {
            sum[i * width + k] += d.changes[a * width + k];
          }
        }
      }
      float[] out = items.clone();
      for (int i = 0; i < nItems; i++) {
        if (count[i] > 0) {
          for (int k = 0; k < width; k++) {
            out[i * width + k] += sum[i * width + k] / count[i];
          }
        }
      }
      return out;
    }
  }
}
