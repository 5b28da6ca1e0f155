package io.playloop.jobs.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playloop.core.ranking.MetricMeans;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.importer.TooManyBadRowsException;
import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.HyperparameterSearch;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.algorithms.blend.BlendModel;
import io.playloop.jobs.models.algorithms.blend.BlendSearch;
import io.playloop.jobs.models.algorithms.blend.BlendWeight;
import io.playloop.jobs.models.evaluation.EvalBatch;
import io.playloop.jobs.models.evaluation.OfflineEvaluation;
import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.spark.Checkpoints;
import io.playloop.jobs.spark.JobPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * benchmark: offline quality of every algorithm, either on one interactions file by the holdout
 * protocol (per-user random 75/25) or on a published split (train, test and optionally validation
 * files); settings chosen on validation only, metrics at every k of --k over the catalog excluding
 * seen items, means over seeds; prints a table and writes report JSON.
 */
public final class BenchmarkJob implements Job<BenchmarkSettings> {
  /** What settings are chosen by, on validation. */
  static final String METRIC = "ndcg_at_10";

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkJob.class);

  /** The algorithms the blend weighs against each other on validation. */
  static final List<String> BLENDED = List.of("ease", "als");

  /** The holdout protocol's metrics, reported at every k. */
  static final List<String> AT_K = List.of("precision", "recall", "ndcg", "map", "hit");

  /**
   * The sampled protocol's metrics (each test item ranked among 50 unseen items), named apart from
   * the holdout protocol's hit_at_k.
   */
  static final List<String> SAMPLED =
      List.of("sampled_hit_at_1", "sampled_hit_at_5", "sampled_hit_at_10", "sampled_mrr");

  @Override
  public String name() {
    return "benchmark";
  }

  @Override
  public String description() {
    return "offline quality of every algorithm on an interactions file or a published split";
  }

  @Override
  public JobCommand<BenchmarkSettings> command() {
    return new BenchmarkOptions();
  }

  @Override
  public boolean usesDatabase() {
    return false;
  }

  @Override
  public JobResult run(JobContext context, BenchmarkSettings s) throws Exception {
    int seeds = s.seeds();
    int[] ks = s.ks();
    List<Algorithm<?>> algorithms = s.algorithms();
    try {
      Checkpoints.ensure(context.spark(), null);
      BenchmarkInput reader = new BenchmarkInput(context.spark(), s.format(), s.badRows());
      Protocol protocol;
      String dataset;
      long interactions;
      JobPhase.begin(context.spark(), "benchmark: reading the interactions");
      if (s.input().isPresent()) {
        InteractionArrays all = reader.read(s.input().get(), "input");
        protocol = Protocol.holdout(all);
        dataset = Path.of(s.input().get()).getFileName().toString();
        interactions = all.size();
      } else {
        InteractionArrays trainRows = reader.read(s.train().get(), "train");
        InteractionArrays testRows = reader.read(s.test().get(), "test");
        InteractionArrays validationRows =
            s.validation().map(v -> reader.read(v, "validation")).orElse(null);
        protocol = Protocol.published(trainRows, testRows, validationRows);
        dataset = datasetName(Path.of(s.train().get()));
        interactions =
            trainRows.size()
                + testRows.size()
                + (validationRows == null ? 0 : validationRows.size());
      }
      Map<String, Object> report =
          new Benchmark(context.spark(), algorithms, s.budget(), s.blend(), ks, s.validationUsers())
              .run(protocol, dataset, seeds);
      System.out.println(table(report));
      String out = s.out();
      if (out != null) {
        Path p = Path.of(out);
        if (p.getParent() != null) {
          Files.createDirectories(p.getParent());
        }
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(p.toFile(), report);
      }
      return JobResult.of(
          interactions,
          algorithms.size(),
          "benchmark of "
              + algorithms.size()
              + " algorithms over "
              + seeds
              + " seeds ("
              + protocol.name()
              + ")"
              + (out == null ? "" : ", report in " + out));
    } catch (IllegalArgumentException | TooManyBadRowsException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** --k: distinct positive cut-offs in the order given. */
  static int[] cutoffs(String value) {
    try {
      int[] ks =
          Arrays.stream(value.split(","))
              .map(String::trim)
              .mapToInt(Integer::parseInt)
              .distinct()
              .toArray();
      if (ks.length == 0 || Arrays.stream(ks).anyMatch(k -> k <= 0)) {
        throw new NumberFormatException();
      }
      return ks;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--k must be positive whole numbers separated by commas (e.g. 10,20), got '"
              + value
              + "'");
    }
  }

  /** A published split's name: the folder its files ship in (e.g. amazon-book), else the file. */
  private static String datasetName(Path train) {
    Path parent = train.toAbsolutePath().getParent();
    return parent == null || parent.getFileName() == null
        ? train.getFileName().toString()
        : parent.getFileName().toString();
  }

  /** The metric columns of a report at cut-offs {@code ks}, in table order. */
  static List<String> columns(int[] ks) {
    List<String> columns = new ArrayList<>();
    for (int k : ks) {
      for (String m : AT_K) {
        columns.add(m + "_at_" + k);
      }
    }
    columns.addAll(SAMPLED);
    return columns;
  }

  /** The report as a fixed-width table. */
  @SuppressWarnings("unchecked")
  static String table(Map<String, Object> report) {
    List<String> columns =
        columns(((List<Integer>) report.get("k")).stream().mapToInt(Integer::intValue).toArray());
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%s, %s protocol, k=%s, means over %s seeds%n",
            report.get("dataset"), report.get("protocol"), report.get("k"), report.get("seeds")));
    b.append(String.format("%-12s", "algorithm"));
    for (String c : columns) {
      b.append(String.format(" %17s", c));
    }
    b.append(String.format(" %13s  %s%n", "train_seconds", "params"));
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("results")) {
      b.append(String.format("%-12s", r.get("algorithm")));
      for (String c : columns) {
        b.append(String.format(" %17.4f", ((Number) r.get(c)).doubleValue()));
      }
      b.append(
          String.format(
              " %13.1f  %s%n", ((Number) r.get("train_seconds")).doubleValue(), r.get("params")));
    }
    return b.toString();
  }

  /** The benchmark itself, separate from option parsing. */
  static final class Benchmark {
    private final SparkSession spark;
    private final List<Algorithm<?>> algorithms;
    private final SearchBudget budget;
    private final boolean blend;
    private final int[] ks;
    private final int validationUsers;

    Benchmark(
        SparkSession spark,
        List<Algorithm<?>> algorithms,
        int budget,
        boolean blend,
        int[] ks,
        int validationUsers) {
      this(spark, algorithms, new SearchBudget(budget), blend, ks, validationUsers);
    }

    Benchmark(
        SparkSession spark,
        List<Algorithm<?>> algorithms,
        SearchBudget budget,
        boolean blend,
        int[] ks,
        int validationUsers) {
      this.spark = spark;
      this.algorithms = algorithms;
      this.budget = budget;
      this.blend = blend;
      this.ks = ks;
      this.validationUsers = validationUsers;
    }

    Map<String, Object> run(Protocol protocol, String dataset, int seeds) {
      Map<String, MetricMeans> means = new LinkedHashMap<>();
      Map<String, List<Map<String, Object>>> chosen = new HashMap<>();
      for (int s = 1; s <= seeds; s++) {
        JobPhase.begin(spark, "benchmark: seed " + s + " of " + seeds);
        Fold fold = protocol.fold(s);
        // Every choice is made on validation; the test is only ever used for the report.
        Validation validation = fold.choosing(validationUsers);
        var testBatches = fold.testBatches();
        TrainingInput chooseOn = TrainingInput.of(spark, fold.chooseOn());
        TrainingInput fitOn =
            fold.fitOn() == fold.chooseOn() ? chooseOn : TrainingInput.of(spark, fold.fitOn());
        Map<String, Model> chooseModels = new HashMap<>();
        Map<String, Model> fitModels = new HashMap<>();
        Map<String, Double> fitSeconds = new HashMap<>();
        boolean blends = blends(fitOn, fold.catalog().length);
        if (s == 1 && blend && !budget.blends(fold.catalog().length)) {
          LOG.info("{} items: no blend (large-catalog rule)", fold.catalog().length);
        }
        for (Algorithm<?> a : algorithms) {
          if (!a.applicable(fitOn)) {
            continue;
          }
          JobPhase.begin(spark, "benchmark: seed " + s + ", " + a.name());
          SearchBudget.Plan plan = budget.plan(a.name(), fold.catalog().length);
          if (s == 1 && budget.limited(a.name(), fold.catalog().length)) {
            LOG.info(
                "{} items: {} (large-catalog rule)",
                fold.catalog().length,
                plan.screened()
                    ? a.name() + " screens its cells with cheaper fits, then fits the chosen one"
                    : a.name()
                        + " tries "
                        + plan.cells()
                        + " grid cell(s), not "
                        + budget.requested());
          }
          // The blend weighs EASE against ALS on validation: it needs their validation models.
          boolean validationModel = blends && BLENDED.contains(a.name());
          Chosen c = chooseAndRefit(a, chooseOn, validation, fitOn, plan, validationModel, s);
          record(
              means,
              chosen,
              a.name(),
              c.params().toJson(),
              test(c.model(), fold, testBatches),
              c.seconds());
          chooseModels.put(a.name(), c.onValidation());
          fitModels.put(a.name(), c.model());
          fitSeconds.put(a.name(), c.seconds());
        }
        if (blends) {
          JobPhase.begin(spark, "benchmark: seed " + s + ", blend");
          var outcome =
              BlendSearch.run(
                  chooseModels.get("ease"), chooseModels.get("als"), validation, METRIC);
          BlendWeight w = outcome.best();
          long t0 = System.nanoTime();
          BlendModel model =
              BlendModel.of(
                  List.of(fitModels.get("ease"), fitModels.get("als")),
                  w.weights(),
                  BlendSearch.firstUsers(fold.fitOn()));
          double seconds =
              fitSeconds.get("ease") + fitSeconds.get("als") + (System.nanoTime() - t0) / 1e9;
          record(means, chosen, "blend", model.params(), test(model, fold, testBatches), seconds);
        }
        chooseOn.positives().unpersist();
        fitOn.positives().unpersist();
      }
      List<String> columns = columns(ks);
      List<Map<String, Object>> results = new ArrayList<>();
      means.forEach(
          (name, m) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("algorithm", name);
            row.put("params", params(chosen.get(name)));
            Map<String, Double> mm = m.means();
            for (String c : columns) {
              row.put(c, mm.getOrDefault(c, 0.0));
            }
            row.put("train_seconds", mm.get("train_seconds"));
            results.add(row);
          });
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("dataset", dataset);
      report.put("protocol", protocol.name());
      report.put(
          "validation",
          protocol.carvesValidation()
              ? "carved from train per user, the chosen setting refit on all of train"
              : "given");
      report.put("validation_users", validationUsers == 0 ? "all" : validationUsers);
      report.put("k", Arrays.stream(ks).boxed().toList());
      report.put("seeds", seeds);
      report.put("results", results);
      return report;
    }

    /**
     * Whether this seed blends: asked to, the catalog is not large ({@link SearchBudget#blends}),
     * and both blended algorithms apply to the data.
     */
    private boolean blends(TrainingInput fitOn, int items) {
      return blend
          && budget.blends(items)
          && BLENDED.stream()
              .allMatch(
                  name ->
                      algorithms.stream()
                          .anyMatch(a -> a.name().equals(name) && a.applicable(fitOn)));
    }

    /** Holdout metrics at every k, then the sampled protocol's under their own names. */
    private Map<String, Double> test(Model model, Fold fold, List<EvalBatch> batches) {
      Map<String, Double> m =
          new LinkedHashMap<>(
              OfflineEvaluation.holdout(
                  model, fold.seenAtTest(), fold.test(), fold.catalog(), ks, true));
      OfflineEvaluation.sampled(model, batches).forEach((name, v) -> m.put("sampled_" + name, v));
      return m;
    }

    /**
     * One algorithm's params chosen on validation and its model fit on the whole train part, with
     * the model the choice was made with (null when no validation model was needed and none fit).
     */
    private record Chosen(ModelParams params, Model onValidation, Model model, double seconds) {}

    /**
     * Chooses a cell on validation, then fits it on the whole train part. Where the two parts are
     * the same data (a published validation file), the search's model is the fit; where only one
     * cell is tried and no validation model is asked for, there is nothing to choose and that cell
     * is fit once, on the whole train part: on large catalogs each dense fit is a minute or more. A
     * screened search's models are cheap versions of its cells: the chosen cell is always fit.
     */
    private <P extends ModelParams> Chosen chooseAndRefit(
        Algorithm<P> a,
        TrainingInput innerTrain,
        Validation validation,
        TrainingInput fullTrain,
        SearchBudget.Plan plan,
        boolean validationModel,
        long seed) {
      int cells = Math.min(plan.cells(), a.grid().size());
      if (cells == 1 && !validationModel) {
        P only = a.grid().get(0);
        JobPhase.begin(
            spark, "benchmark: fitting " + a.name() + " " + only.toJson() + " (one cell)");
        long t0 = System.nanoTime();
        Model model = a.fit(fullTrain, only, seed);
        return new Chosen(only, null, model, (System.nanoTime() - t0) / 1e9);
      }
      HyperparameterSearch.Outcome<P> outcome =
          HyperparameterSearch.run(a, innerTrain, validation, METRIC, cells, seed, plan.screened());
      if (innerTrain == fullTrain && !plan.screened()) {
        return new Chosen(
            outcome.best(), outcome.bestModel(), outcome.bestModel(), outcome.bestFitSeconds());
      }
      long t0 = System.nanoTime();
      JobPhase.begin(spark, "benchmark: refitting " + a.name() + " on the whole train part");
      Model model = a.fit(fullTrain, outcome.best(), seed);
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Chosen(outcome.best(), outcome.bestModel(), model, seconds);
    }

    private static void record(
        Map<String, MetricMeans> means,
        Map<String, List<Map<String, Object>>> chosen,
        String algorithm,
        Map<String, Object> params,
        Map<String, Double> testMetrics,
        double seconds) {
      MetricMeans m = means.computeIfAbsent(algorithm, x -> new MetricMeans());
      testMetrics.forEach(m::add);
      m.add("train_seconds", seconds);
      chosen.computeIfAbsent(algorithm, x -> new ArrayList<>()).add(params);
    }

    /** The chosen params; when seeds chose differently, each seed's choice is listed too. */
    private static Map<String, Object> params(List<Map<String, Object>> perSeed) {
      Map<String, Object> first = new LinkedHashMap<>(perSeed.get(0));
      if (perSeed.stream().distinct().count() > 1) {
        first.put("chosen_per_seed", perSeed);
      }
      return first;
    }
  }
}
