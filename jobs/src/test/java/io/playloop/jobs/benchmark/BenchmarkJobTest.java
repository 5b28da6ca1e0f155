package io.playloop.jobs.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.core.db.TestDatabase;
import io.playloop.jobs.SharedSpark;
import io.playloop.jobs.TestJobs;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.algorithms.popularity.PopularityAlgorithm;
import io.playloop.jobs.models.algorithms.popularity.PopularityParams;
import io.playloop.jobs.models.store.ModelFormat;
import io.playloop.jobs.spark.JobPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkJobTest {
  @TempDir Path dir;

  /** The benchmark runs here outside a job run, which would end its phases: end them. */
  @AfterEach
  void endThePhases() {
    JobPhase.begin(SharedSpark.get(), null);
  }

  @Test
  void writesTheReportShapeWithEveryAlgorithmAndMetric() throws Exception {
    Path data = dir.resolve("u.data");
    Files.write(data, movieLensLike(120, 150, 5));
    Path out = dir.resolve("report.json");
    try (TestDatabase db = TestDatabase.create()) {
      TestJobs.run(
          new BenchmarkJob(),
          Map.of(
              "input", data.toString(),
              "format", "movielens",
              "seeds", "2",
              "budget", "1",
              "als-iterations", "4",
              "out", out.toString()),
          db,
          dir.resolve("lake"));
    }
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertThat(report.get("dataset").asText()).isEqualTo("u.data");
    assertThat(report.get("protocol").asText()).isEqualTo("holdout");
    assertThat(report.get("k").toString()).isEqualTo("[10]");
    List<String> algorithms = new ArrayList<>();
    for (JsonNode r : report.get("results")) {
      algorithms.add(r.get("algorithm").asText());
      assertThat(r.get("params").isObject()).isTrue();
      for (String m :
          List.of(
              "precision_at_10",
              "recall_at_10",
              "ndcg_at_10",
              "map_at_10",
              "hit_at_10",
              "sampled_hit_at_1",
              "sampled_hit_at_5",
              "sampled_hit_at_10",
              "sampled_mrr",
              "train_seconds")) {
        assertThat(r.get(m).isNumber()).as(m).isTrue();
        assertThat(r.get(m).asDouble()).as(m).isGreaterThanOrEqualTo(0);
      }
      assertThat(r.get("ndcg_at_10").asDouble()).isLessThanOrEqualTo(1);
    }
    assertThat(algorithms)
        .containsExactly("popularity", "als", "ease", "bpr", "rp3beta", "itemknn", "gfcf", "blend");
    JsonNode pop = report.get("results").get(0);
    JsonNode ease = report.get("results").get(2);
    assertThat(ease.get("ndcg_at_10").asDouble()).isGreaterThan(pop.get("ndcg_at_10").asDouble());
  }

  @Test
  void badInputIsAClearUsageError() throws Exception {
    Path data = dir.resolve("bad.data");
    Files.writeString(data, "1\t2\t5\t100\nnot a line\n");
    try (TestDatabase db = TestDatabase.create()) {
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      new BenchmarkJob(),
                      Map.of("input", data.toString(), "format", "movielens"),
                      db,
                      dir.resolve("lake")))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("line 2");
      assertThatThrownBy(
              () ->
                  TestJobs.run(
                      new BenchmarkJob(),
                      Map.of("input", data.toString(), "format", "parquet"),
                      db,
                      dir.resolve("lake")))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(
              "--format must be movielens, lastfm, csv or adjacency, got 'parquet'");
    }
  }

  @Test
  void publishedSplitReportsEveryMetricAtEveryKByTheLightGcnConventions() throws Exception {
    JsonNode pop = popularityOnTinySplit(Map.of("k", "2,20")).get("results").get(0);
    double log3 = Math.log(3) / Math.log(2);
    double log5 = Math.log(5) / Math.log(2);
    // Train counts rank 0 > 1 > 2 > 3 > 4 = 5; each user's top list skips their train items:
    // u0 [3,4,5] test {3,4}; u1 [2,3,4,5] test {2,5}; u2 [1,3,4,5] test {1}; u3 [2,4,5] test
    // {2,4,5}. Recall divides by all of a user's test items (u3 at k=2: 2/3, not 2/2).
    assertThat(pop.get("recall_at_2").asDouble()).isCloseTo((1 + 0.5 + 1 + 2.0 / 3) / 4, TOL);
    assertThat(pop.get("precision_at_2").asDouble()).isCloseTo((1 + 0.5 + 0.5 + 1) / 4, TOL);
    // nDCG's ideal runs over min(test items, k): u1 hits only at rank 1 of an ideal 2.
    assertThat(pop.get("ndcg_at_2").asDouble()).isCloseTo((3 + 1 / (1 + 1 / log3)) / 4, TOL);
    assertThat(pop.get("map_at_2").asDouble()).isCloseTo((1 + 0.5 + 1 + 1) / 4, TOL);
    assertThat(pop.get("hit_at_2").asDouble()).isCloseTo(1, TOL);
    assertThat(pop.get("recall_at_20").asDouble()).isCloseTo(1, TOL);
    assertThat(pop.get("precision_at_20").asDouble()).isCloseTo((2 + 2 + 1 + 3) / 20.0 / 4, TOL);
    assertThat(pop.get("ndcg_at_20").asDouble())
        .isCloseTo((3 + (1 + 1 / log5) / (1 + 1 / log3)) / 4, TOL);
    assertThat(pop.get("map_at_20").asDouble()).isCloseTo((1 + (1 + 2.0 / 4) / 2 + 1 + 1) / 4, TOL);
  }

  @Test
  void givenValidationItemsAreLeftOutOfTheTestRankings() throws Exception {
    Path validation = tinySplit().resolve("validation.txt");
    JsonNode carved = popularityOnTinySplit(Map.of("k", "3"));
    JsonNode given = popularityOnTinySplit(Map.of("k", "3", "validation", validation.toString()));
    assertThat(carved.get("validation").asText()).startsWith("carved from train");
    assertThat(given.get("validation").asText()).isEqualTo("given");
    // u1 [2,3,4] has 1 of {2,5}; with its validation item 3 left out, [2,4,5] has both.
    assertThat(carved.get("results").get(0).get("recall_at_3").asDouble())
        .isCloseTo((1 + 0.5 + 1 + 1) / 4, TOL);
    assertThat(given.get("results").get(0).get("recall_at_3").asDouble()).isCloseTo(1, TOL);
  }

  @Test
  void theChosenSettingIsRefitOnAllOfTrainWhenValidationIsCarved() {
    List<Long> carvedFits = new ArrayList<>();
    benchmark(carvedFits, 2).run(carved(), "tiny", 2);
    // Per seed: the search's two cells on the carve (fewer rows), then the refit on all 10.
    assertThat(carvedFits).hasSize(6);
    for (int seed = 0; seed < 2; seed++) {
      assertThat(carvedFits.get(3 * seed)).isLessThan(10L);
      assertThat(carvedFits.get(3 * seed + 1)).isLessThan(10L);
      assertThat(carvedFits.get(3 * seed + 2)).isEqualTo(10L);
    }
    // With validation given, the search fits on all of train: its chosen model is not fit again.
    List<Long> givenFits = new ArrayList<>();
    benchmark(givenFits, 2).run(given(), "tiny", 1);
    assertThat(givenFits).containsExactly(10L, 10L);
  }

  @Test
  void aScreenedSearchFitsCheapCellsOnTheCarveThenTheChosenCellInFullOnAllOfTrain() {
    List<String> carvedFits = new ArrayList<>();
    // A catalog of 2 items or more is large here: ALS screens its cells.
    Map<String, Object> report = screenedAls(carvedFits, 2).run(carved(), "tiny", 1);
    assertThat(carvedFits)
        .containsExactly(
            "1 sweep(s) on fewer rows", "1 sweep(s) on fewer rows", "15 sweep(s) on all 10 rows");
    @SuppressWarnings("unchecked")
    var rows = (List<Map<String, Object>>) report.get("results");
    assertThat(rows.get(0).get("params")).isEqualTo(Map.of("sweeps", 15));
    // With validation given the screening models are not the chosen fit either.
    List<String> givenFits = new ArrayList<>();
    screenedAls(givenFits, 2).run(given(), "tiny", 1);
    assertThat(givenFits)
        .containsExactly(
            "1 sweep(s) on all 10 rows", "1 sweep(s) on all 10 rows", "15 sweep(s) on all 10 rows");
  }

  @Test
  void aSingleCellIsFitOnceOnAllOfTrainWithNothingToChoose() {
    List<Long> carvedFits = new ArrayList<>();
    Map<String, Object> report = benchmark(carvedFits, 1).run(carved(), "tiny", 2);
    assertThat(carvedFits).containsExactly(10L, 10L);
    List<Long> givenFits = new ArrayList<>();
    benchmark(givenFits, 1).run(given(), "tiny", 1);
    assertThat(givenFits).containsExactly(10L);
    @SuppressWarnings("unchecked")
    var rows = (List<Map<String, Object>>) report.get("results");
    assertThat(rows).extracting(r -> r.get("algorithm")).containsExactly("popularity");
    assertThat((Double) rows.get(0).get("recall_at_3")).isGreaterThan(0);
  }

  @Test
  void badPublishedSplitInputIsAClearUsageError() throws Exception {
    Path split = tinySplit();
    Path malformed = dir.resolve("malformed.txt");
    Files.writeString(malformed, "0 1 2\n1 3 x7\n");
    String train = split.resolve("train.txt").toString();
    String test = split.resolve("test.txt").toString();
    assertUsageError(
        Map.of("train", train, "test", dir.resolve("nope.txt").toString(), "format", "adjacency"),
        "--test " + dir.resolve("nope.txt") + ": no such file");
    assertUsageError(
        Map.of("train", malformed.toString(), "test", test, "format", "adjacency"),
        "--train " + malformed + " line 2: 'x7' is not a non-negative integer id");
    assertUsageError(
        Map.of("train", train, "format", "adjacency"), "--train needs --test FILE as well");
    assertUsageError(
        Map.of("input", train, "train", train, "test", test, "format", "adjacency"),
        "give either --input FILE");
    assertUsageError(
        Map.of("train", train, "test", test, "format", "adjacency", "k", "10,0"),
        "--k must be positive whole numbers separated by commas (e.g. 10,20), got '10,0'");
  }

  private static final org.assertj.core.data.Offset<Double> TOL =
      org.assertj.core.data.Offset.offset(1e-9);

  private void assertUsageError(Map<String, String> options, String message) throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      assertThatThrownBy(() -> TestJobs.run(new BenchmarkJob(), options, db, dir.resolve("lake")))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(message);
    }
  }

  /** The benchmark of popularity alone on the tiny adjacency split, one seed, plus options. */
  private JsonNode popularityOnTinySplit(Map<String, String> extra) throws Exception {
    Path split = tinySplit();
    Path out = dir.resolve("report-" + extra.hashCode() + ".json");
    Map<String, String> options = new java.util.HashMap<>(extra);
    options.put("train", split.resolve("train.txt").toString());
    options.put("test", split.resolve("test.txt").toString());
    options.put("format", "adjacency");
    options.put("algorithms", "popularity");
    options.put("seeds", "1");
    options.put("out", out.toString());
    try (TestDatabase db = TestDatabase.create()) {
      TestJobs.run(new BenchmarkJob(), options, db, dir.resolve("lake"));
    }
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertThat(report.get("protocol").asText()).isEqualTo("published");
    assertThat(report.get("dataset").asText()).isEqualTo("tiny-split");
    return report;
  }

  /** The tiny split with validation carved from train. */
  private static Protocol carved() {
    return tinyProtocol(false);
  }

  /** The tiny split with its validation file. */
  private static Protocol given() {
    return tinyProtocol(true);
  }

  private static Protocol tinyProtocol(boolean withValidation) {
    Path split = tinySplit();
    return Protocol.published(
        AdjacencyReader.read(split.resolve("train.txt"), "train"),
        AdjacencyReader.read(split.resolve("test.txt"), "test"),
        withValidation
            ? AdjacencyReader.read(split.resolve("validation.txt"), "validation")
            : null);
  }

  /**
   * A benchmark of popularity, its one setting listed {@code cells} times as a grid that many cells
   * are searched in, that notes how many train rows each fit saw.
   */
  private static BenchmarkJob.Benchmark benchmark(List<Long> fits, int cells) {
    PopularityAlgorithm popularity = new PopularityAlgorithm();
    Algorithm<PopularityParams> recording =
        fittingPopularity(
            popularity.name(),
            java.util.Collections.nCopies(cells, popularity.grid().get(0)),
            cell -> cell,
            (input, params) -> fits.add(input.history().interactionCount()));
    return new BenchmarkJob.Benchmark(
        SharedSpark.get(), List.of(recording), cells, false, new int[] {3}, 0);
  }

  /** An iterative fit's sweeps: the screened test algorithm's one hyperparameter. */
  private record Sweeps(int sweeps) implements ModelParams {
    @Override
    public Map<String, Object> toJson() {
      return Map.of("sweeps", sweeps);
    }
  }

  /**
   * A benchmark whose one algorithm is named als, has {@code cells} cells of 15 sweeps, screens
   * them at one sweep and notes each fit's sweeps and rows; every catalog counts as large.
   */
  private static BenchmarkJob.Benchmark screenedAls(List<String> fits, int cells) {
    Algorithm<Sweeps> recording =
        fittingPopularity(
            "als",
            java.util.Collections.nCopies(cells, new Sweeps(15)),
            cell -> new Sweeps(1),
            (input, params) -> {
              long rows = input.history().interactionCount();
              fits.add(
                  params.sweeps()
                      + " sweep(s) on "
                      + (rows == 10 ? "all 10 rows" : rows < 10 ? "fewer rows" : rows + " rows"));
            });
    return new BenchmarkJob.Benchmark(
        SharedSpark.get(), List.of(recording), new SearchBudget(cells, 2), false, new int[] {3}, 0);
  }

  /**
   * An algorithm named {@code name} with {@code grid} and {@code screening} whose every fit is
   * popularity's, told to {@code onFit} first.
   */
  private static <P extends ModelParams> Algorithm<P> fittingPopularity(
      String name, List<P> grid, UnaryOperator<P> screening, BiConsumer<TrainingInput, P> onFit) {
    PopularityAlgorithm popularity = new PopularityAlgorithm();
    return new Algorithm<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<P> grid() {
        return grid;
      }

      @Override
      public boolean applicable(TrainingInput input) {
        return true;
      }

      @Override
      public P screening(P cell) {
        return screening.apply(cell);
      }

      @Override
      public Model fit(TrainingInput input, P params, long seed) {
        onFit.accept(input, params);
        return popularity.fit(input, popularity.grid().get(0), seed);
      }

      @Override
      public ModelFormat<? extends Model> format() {
        return popularity.format();
      }
    };
  }

  private static Path tinySplit() {
    try {
      return Path.of(BenchmarkJobTest.class.getResource("/benchmark/tiny-split/train.txt").toURI())
          .getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Users in taste clusters rating mostly their cluster's items, as u.data lines. */
  static List<String> movieLensLike(int users, int items, int clusters) {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      while (seen.size() < 25) {
        int i =
            r.nextDouble() < 0.85
                ? 1
                    + (u % clusters)
                    + clusters * (int) ((items / clusters) * Math.pow(r.nextDouble(), 2))
                : 1 + r.nextInt(items);
        if (i <= items && seen.add(i)) {
          lines.add(
              u + "\t" + i + "\t" + (1 + r.nextInt(5)) + "\t" + (880000000 + r.nextInt(1000000)));
        }
      }
    }
    return lines;
  }
}
