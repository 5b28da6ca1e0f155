package io.playloop.jobs.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playloop.core.ranking.RankingMetrics;
import io.playloop.jobs.SharedSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Our metric math agrees with Spark MLlib's RankingMetrics on random rankings. */
class RankingMetricsCrossCheckTest {
  @Test
  void agreesWithSparkRankingMetrics() {
    Random r = new Random(11);
    List<Tuple2<Object, Object>> pairs = new ArrayList<>();
    double precision = 0;
    double recall = 0;
    double ndcg = 0;
    double map = 0;
    int users = 50;
    for (int u = 0; u < users; u++) {
      int[] ranked = r.ints(0, 40).distinct().limit(10).toArray();
      Set<Integer> relevant = new HashSet<>();
      int nRel = 1 + r.nextInt(15);
      while (relevant.size() < nRel) {
        relevant.add(r.nextInt(40));
      }
      precision += RankingMetrics.precisionAtK(ranked, relevant, 10);
      recall += RankingMetrics.recallAtK(ranked, relevant, 10);
      ndcg += RankingMetrics.ndcgAtK(ranked, relevant, 10);
      map += RankingMetrics.mapAtK(ranked, relevant, 10);
      List<Integer> pred = java.util.Arrays.stream(ranked).boxed().toList();
      pairs.add(new Tuple2<>(pred, new ArrayList<>(relevant)));
    }
    JavaRDD<Tuple2<Object, Object>> rdd =
        JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()).parallelize(pairs, 2);
    var spark = org.apache.spark.mllib.evaluation.RankingMetrics.of(rdd);
    assertThat(precision / users).isCloseTo(spark.precisionAt(10), within(1e-9));
    assertThat(recall / users).isCloseTo(spark.recallAt(10), within(1e-9));
    assertThat(ndcg / users).isCloseTo(spark.ndcgAt(10), within(1e-9));
    assertThat(map / users).isCloseTo(spark.meanAveragePrecisionAt(10), within(1e-9));
  }
}
