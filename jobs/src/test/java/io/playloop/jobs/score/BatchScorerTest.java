package io.playloop.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.models.Model;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BatchScorerTest {
  private static final StructType USERS =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("candidates", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
          .add("excluded", DataTypes.createArrayType(DataTypes.IntegerType, false), true);

  /** Knows playlists 100-199 (a higher id scores higher); any other id scores -infinity. */
  static final class KnowsHundreds implements Model {
    @Override
    public String algorithm() {
      return "hundreds";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of();
    }

    @Override
    public float[] score(int user, int[] items) {
      float[] out = new float[items.length];
      for (int i = 0; i < items.length; i++) {
        out[i] = items[i] >= 100 && items[i] < 200 ? items[i] / 1000f : Float.NEGATIVE_INFINITY;
      }
      return out;
    }

    @Override
    public int[] items() {
      return IntStream.range(100, 200).toArray();
    }
  }

  @Test
  void candidatesTheModelCannotRankAreToppedUpFromTheFill() {
    SparkSession spark = SharedSpark.get();
    var users =
        spark.createDataFrame(
            List.of(
                // One rankable candidate of four: two fill playlists join it (190 is excluded).
                RowFactory.create(1, new int[] {5, 6, 7, 150}, new int[] {190}),
                // Enough rankable candidates: no fill playlist is listed.
                RowFactory.create(2, new int[] {101, 102, 103, 104}, new int[0]),
                // Nothing rankable and every fill playlist excluded or unknown: no list at all.
                RowFactory.create(3, new int[] {1, 2}, new int[] {199, 190, 198, 197})),
            USERS);

    Map<Integer, List<Integer>> lists =
        lists(
            BatchScorer.topN(users, new KnowsHundreds(), 3, new int[] {199, 190, 198, 197, 7})
                .collectAsList());

    assertThat(lists).containsOnlyKeys(1, 2);
    assertThat(lists.get(1)).containsExactly(199, 198, 150);
    assertThat(lists.get(2)).containsExactly(104, 103, 102);
  }

  private static Map<Integer, List<Integer>> lists(List<Row> rows) {
    Map<Integer, List<Integer>> out = new HashMap<>();
    for (Row r : rows) {
      out.put(r.getInt(0), r.getList(1));
    }
    return out;
  }
}
