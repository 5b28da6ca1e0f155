package io.playloop.jobs.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playloop.jobs.models.algorithms.als.AlsParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlgorithmsTest {
  @Test
  void gridsKeepTheirCellsAndOrder() {
    Map<String, List<Map<String, Object>>> grids =
        Map.of(
            "popularity",
            List.of(Map.of()),
            "als",
            List.of(
                als(32, 0.1, 1.0, 15),
                als(64, 0.1, 5.0, 15),
                als(16, 0.1, 1.0, 15),
                als(64, 1.0, 1.0, 15)),
            "ease",
            List.of(
                Map.of("lambda", 250.0),
                Map.of("lambda", 500.0),
                Map.of("lambda", 100.0),
                Map.of("lambda", 1000.0),
                Map.of("lambda", 2000.0)),
            "bpr",
            List.of(
                bpr(64, 0.05, 0.95, 0.002, 25, 4, 1.0),
                bpr(64, 0.05, 0.95, 0.01, 25, 4, 1.0),
                bpr(32, 0.05, 0.95, 0.002, 25, 8, 2.0),
                bpr(128, 0.03, 0.97, 0.002, 40, 4, 1.0)),
            "rp3beta",
            List.of(
                rp3(100, 0.8, 0.3),
                rp3(200, 1.0, 0.5),
                rp3(50, 0.6, 0.2),
                rp3(300, 0.8, 0.4),
                rp3(50, 0.4, 0.2),
                rp3(100, 0.5, 0.1),
                rp3(100, 1.0, 0.0)),
            "itemknn",
            List.of(knn(100, 10), knn(50, 50), knn(200, 0), knn(400, 100), knn(20, 10)),
            "gfcf",
            List.of(
                gfcf(256, 0.3, 0.5, 200),
                gfcf(0, 0.0, 0.1, 400),
                gfcf(128, 0.3, 0.4, 200),
                gfcf(64, 0.5, 0.5, 200),
                gfcf(256, 0.1, 0.5, 400)));
    assertThat(Algorithms.all())
        .extracting(Algorithm::name)
        .containsExactly("popularity", "als", "ease", "bpr", "rp3beta", "itemknn", "gfcf");
    for (Algorithm<?> a : Algorithms.all()) {
      assertThat(a.grid().stream().map(ModelParams::toJson).toList())
          .as(a.name())
          .isEqualTo(grids.get(a.name()));
    }
  }

  @Test
  void alsIterationsOverrideEveryCellAndNothingElse() {
    List<Algorithm<?>> quick =
        Algorithms.withAlsIterations(Algorithms.named(List.of("ease", "als")), 4);
    assertThat(quick.get(0)).isSameAs(Algorithms.all().get(2));
    assertThat(List.<Object>copyOf(quick.get(1).grid()))
        .containsExactly(
            new AlsParams(32, 0.1, 1.0, 4, 1.0),
            new AlsParams(64, 0.1, 5.0, 4, 1.0),
            new AlsParams(16, 0.1, 1.0, 4, 1.0),
            new AlsParams(64, 1.0, 1.0, 4, 1.0));
    assertThatThrownBy(() -> Algorithms.withAlsIterations(quick, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ALS iterations must be at least 1");
  }

  @Test
  void unknownNamesAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> Algorithms.named(List.of("als", "svd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown algorithm 'svd' (known: popularity, als, ease, bpr, rp3beta, itemknn, gfcf)");
  }

  @Test
  void everyTrainableAlgorithmAndTheBlendHaveAFormatUnderTheirName() {
    for (String name :
        List.of("popularity", "als", "ease", "bpr", "rp3beta", "itemknn", "gfcf", "blend")) {
      assertThat(Algorithms.format(name)).as(name).isPresent();
      assertThat(Algorithms.format(name).orElseThrow().algorithm()).isEqualTo(name);
    }
    assertThat(Algorithms.format("svd")).isEmpty();
  }

  private static Map<String, Object> bpr(
      int rank, double lr, double decay, double reg, int epochs, int sampled, double weight) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("rank", rank);
    m.put("learning_rate", lr);
    m.put("decay", decay);
    m.put("reg", reg);
    m.put("bias_reg", 0.001);
    m.put("epochs", epochs);
    m.put("sampled_negatives", sampled);
    m.put("explicit_weight", weight);
    return m;
  }

  private static Map<String, Object> rp3(int neighbours, double alpha, double beta) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("neighbours", neighbours);
    m.put("alpha", alpha);
    m.put("beta", beta);
    return m;
  }

  private static Map<String, Object> knn(int neighbours, double shrink) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("neighbours", neighbours);
    m.put("shrink", (double) shrink);
    return m;
  }

  private static Map<String, Object> gfcf(
      int rank, double alpha, double itemExponent, int neighbours) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("rank", rank);
    m.put("alpha", alpha);
    m.put("item_exponent", itemExponent);
    m.put("neighbours", neighbours);
    return m;
  }

  private static Map<String, Object> als(int rank, double reg, double alpha, int iterations) {
    return Map.of(
        "rank", rank, "reg", reg, "alpha", alpha, "iterations", iterations, "negative_weight", 1.0);
  }
}
