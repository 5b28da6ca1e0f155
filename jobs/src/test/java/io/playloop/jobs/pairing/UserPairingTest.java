package io.playloop.jobs.pairing;

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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class UserPairingTest {
  @Test
  void lshBucketsFindMostOfTheExactNeighboursWithoutComparingEveryPair() {
    int users = 600;
    int rank = 8;
    Random r = new Random(1);
    float[][] centers = new float[12][rank];
    for (float[] c : centers) {
      for (int d = 0; d < rank; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[][] v = new float[users][rank];
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      Float[] f = new Float[rank];
      for (int d = 0; d < rank; d++) {
        v[u][d] = centers[u % 12][d] + 0.3f * (float) r.nextGaussian();
        f[d] = v[u][d];
      }
      rows.add(RowFactory.create(u, f));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    // 600 users in buckets of about 60: 4 bits, so no bucket compares all pairs.
    List<Row> knn =
        UserPairing.neighbours(
                SharedSpark.get().createDataFrame(rows, schema),
                new UserPairing.Params(10, 4, 60, 7))
            .collectAsList();

    Map<Integer, Set<Integer>> found = new HashMap<>();
    for (Row row : knn) {
      List<Integer> n = row.getList(1);
      assertThat(n).hasSizeLessThanOrEqualTo(10).doesNotContain(row.getInt(0));
      found.put(row.getInt(0), new HashSet<>(n));
    }
    assertThat(found).hasSize(users);
    double recall = 0;
    for (int u = 0; u < users; u++) {
      recall += overlap(exactTop(v, u, 10), found.get(u)) / 10.0;
    }
    assertThat(recall / users).isGreaterThan(0.6);
  }

  @Test
  void candidatesWalkNeighboursUntilEnoughAndSampleAtMostMax() {
    int[] neighbours = {11, 12, 13, 14};
    List<int[]> owned =
        List.of(
            new int[] {1, 2, 3}, // 3 is excluded (the user liked it)
            new int[] {4, 5},
            new int[] {6, 7, 8, 9},
            new int[] {10});
    int[][] out = UserPairing.candidates(7, neighbours, owned, Set.of(3), 4, 75, 1);
    // 1, 2 from the first; 4, 5 from the second reach 4: the third is not needed.
    assertThat(out[0]).containsExactly(11, 12);
    assertThat(out[1]).containsExactlyInAnyOrder(1, 2, 4, 5);

    int[][] sampled = UserPairing.candidates(7, neighbours, owned, Set.of(3), 20, 5, 1);
    assertThat(sampled[0]).containsExactly(11, 12, 13, 14);
    assertThat(sampled[1]).hasSize(5).doesNotContain(3).doesNotHaveDuplicates();
    assertThat(UserPairing.candidates(7, neighbours, owned, Set.of(3), 20, 5, 1)[1])
        .containsExactly(sampled[1]);
  }

  private static Set<Integer> exactTop(float[][] v, int u, int k) {
    Integer[] order = new Integer[v.length];
    double[] sim = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      order[j] = j;
      sim[j] = j == u ? Double.NEGATIVE_INFINITY : cosine(v[u], v[j]);
    }
    Arrays.sort(order, (a, b) -> Double.compare(sim[b], sim[a]));
    return new HashSet<>(Arrays.asList(order).subList(0, k));
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int d = 0; d < a.length; d++) {
      dot += a[d] * b[d];
      na += a[d] * a[d];
      nb += b[d] * b[d];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static int overlap(Set<Integer> a, Set<Integer> b) {
    Set<Integer> s = new HashSet<>(a);
    s.retainAll(b);
    return s.size();
  }
}
