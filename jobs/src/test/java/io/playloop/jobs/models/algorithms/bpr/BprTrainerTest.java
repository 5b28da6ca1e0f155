package io.playloop.jobs.models.algorithms.bpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BprTrainerTest {
  private static final StructType BLOCKS =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("playlist_id_positive", DataTypes.IntegerType, false)
          .add("playlist_id_negative_list", DataTypes.createArrayType(DataTypes.IntegerType), true);

  @Test
  void learnsTasteClustersThatPopularityCannotSee() {
    SparkSession spark = SharedSpark.get();
    int users = 300;
    int items = 400;
    int clusters = 8;
    Random r = new Random(3);
    Map<Integer, Set<Integer>> liked = new HashMap<>();
    Map<Integer, List<Integer>> heldOut = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    int[] catalog = new int[items];
    for (int i = 0; i < items; i++) {
      catalog[i] = 1000 + i;
    }
    for (int u = 0; u < users; u++) {
      int c = u % clusters;
      Set<Integer> mine = new HashSet<>();
      while (mine.size() < 18) {
        // Items of cluster c are the ids with (id % clusters == c), the low ones most popular.
        int k = (int) (items / clusters * Math.pow(r.nextDouble(), 1.5));
        mine.add(1000 + k * clusters + c);
      }
      List<Integer> all = new ArrayList<>(mine);
      java.util.Collections.shuffle(all, r);
      liked.put(u, mine);
      heldOut.put(u, all.subList(15, 18));
      for (int p : all.subList(0, 15)) {
        Integer[] negs = new Integer[2];
        for (int n = 0; n < 2; n++) {
          int j;
          do {
            j = catalog[r.nextInt(items)];
          } while ((j - 1000) % clusters == c);
          negs[n] = j;
        }
        rows.add(RowFactory.create(u, p, Arrays.asList(negs)));
      }
    }
    Dataset<Row> blocks = spark.createDataFrame(rows, BLOCKS);
    BprParams p = new BprParams(16, 0.05, 0.95, 0.002, 0.001, 20, 3, 1.0);
    BprTrainer.Factors f = BprTrainer.fit(blocks, catalog, p, 7);

    assertThat(f.width()).isEqualTo(17);
    assertThat(f.userIds()).hasSize(users);
    assertThat(f.itemIds()).hasSize(items);

    Map<Integer, Integer> popularity = new HashMap<>();
    for (Row row : rows) {
      popularity.merge(row.getInt(1), 1, Integer::sum);
    }
    double bpr = 0;
    double pop = 0;
    int n = 0;
    Random negatives = new Random(11);
    for (int u = 0; u < users; u++) {
      for (int positive : heldOut.get(u)) {
        List<Integer> candidates = new ArrayList<>();
        while (candidates.size() < 50) {
          int j = catalog[negatives.nextInt(items)];
          if (!liked.get(u).contains(j)) {
            candidates.add(j);
          }
        }
        int row = Arrays.binarySearch(f.userIds(), u);
        bpr += 1.0 / rank(positive, candidates, id -> score(f, row, id));
        pop += 1.0 / rank(positive, candidates, id -> popularity.getOrDefault(id, 0));
        n++;
      }
    }
    bpr /= n;
    pop /= n;
    assertThat(bpr).as("BPR MRR %.3f vs popularity %.3f", bpr, pop).isGreaterThan(pop + 0.2);
  }

  private static double score(BprTrainer.Factors f, int u, int item) {
    int i = Arrays.binarySearch(f.itemIds(), item);
    double s = 0;
    for (int k = 0; k < f.width(); k++) {
      s += f.users()[u * f.width() + k] * f.items()[i * f.width() + k];
    }
    return s;
  }

  /** 1 + how many candidates score strictly above the positive (ties count half). */
  private static double rank(
      int positive, List<Integer> candidates, java.util.function.ToDoubleFunction<Integer> s) {
    double sp = s.applyAsDouble(positive);
    double rank = 1;
    for (int c : candidates) {
      double sc = s.applyAsDouble(c);
      if (sc > sp) {
        rank++;
      } else if (sc == sp) {
        rank += 0.5;
      }
    }
    return rank;
  }
}
