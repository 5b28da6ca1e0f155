package io.playloop.jobs.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playloop.core.ranking.MetricMeans;
import io.playloop.jobs.Job;
import io.playloop.jobs.JobCommand;
import io.playloop.jobs.JobContext;
import io.playloop.jobs.JobResult;
import io.playloop.jobs.UsageException;
import io.playloop.jobs.importer.InteractionsReader;
import io.playloop.jobs.importer.TooManyBadRowsException;
import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.HyperparameterSearch;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.blend.BlendModel;
import io.playloop.jobs.models.algorithms.blend.BlendSearch;
import io.playloop.jobs.models.algorithms.blend.BlendWeight;
import io.playloop.jobs.models.evaluation.OfflineEvaluation;
import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.spark.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * benchmark: offline quality of every algorithm on an interactions file, holdout protocol (per-user
 * random 75/25, top-10 excluding train items), params chosen on a validation split carved from the
 * train part, means over seeds; prints a table and writes report JSON.
 */
public final class BenchmarkJob implements Job<BenchmarkSettings> {
  static final String METRIC = "ndcg_at_10";
  static final List<String> COLUMNS =
      List.of(
          "precision_at_10",
          "recall_at_10",
          "ndcg_at_10",
          "map_at_10",
          "hit_at_1",
          "hit_at_5",
          "hit_at_10",
          "mrr");

  @Override
  public String name() {
    return "benchmark";
  }

  @Override
  public String description() {
    return "offline quality of every algorithm on an interactions file, as a table and JSON";
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
    Path input = s.input();
    int seeds = s.seeds();
    List<Algorithm<?>> algorithms = s.algorithms();
    try {
      Checkpoints.ensure(context.spark(), null);
      // The importer's reader: the same formats, options and bad-row report as import.
      var read =
          new InteractionsReader(context.spark())
              .read(input.toString(), s.format())
              .requireWithin(s.badRows());
      InteractionArrays interactions = InteractionArrays.of(read.rows());
      read.release();
      Map<String, Object> report =
          new Benchmark(context.spark(), algorithms, s.budget(), s.blend())
              .run(interactions, input.getFileName().toString(), seeds);
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
          interactions.size(),
          algorithms.size(),
          "benchmark of "
              + algorithms.size()
              + " algorithms over "
              + seeds
              + " seeds"
              + (out == null ? "" : ", report in " + out));
    } catch (IllegalArgumentException | TooManyBadRowsException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The report as a fixed-width table. */
  @SuppressWarnings("unchecked")
  static String table(Map<String, Object> report) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%s, %s protocol, k=%s, means over %s seeds%n",
            report.get("dataset"), report.get("protocol"), report.get("k"), report.get("seeds")));
    b.append(String.format("%-12s", "algorithm"));
    for (String c : COLUMNS) {
      b.append(String.format(" %15s", c));
    }
    b.append(String.format(" %13s  %s%n", "train_seconds", "params"));
    for (Map<String, Object> r : (List<Map<String, Object>>) report.get("results")) {
      b.append(String.format("%-12s", r.get("algorithm")));
      for (String c : COLUMNS) {
        b.append(String.format(" %15.4f", ((Number) r.get(c)).doubleValue()));
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
    private final int budget;
    private final boolean blend;

    Benchmark(SparkSession spark, List<Algorithm<?>> algorithms, int budget, boolean blend) {
      this.spark = spark;
      this.algorithms = algorithms;
      this.budget = budget;
      this.blend = blend;
    }

    Map<String, Object> run(InteractionArrays interactions, String dataset, int seeds) {
      UserHistory all = interactions.history();
      int[] catalog = Arrays.stream(interactions.items()).distinct().sorted().toArray();
      Map<String, MetricMeans> means = new LinkedHashMap<>();
      Map<String, List<Map<String, Object>>> chosen = new HashMap<>();
      for (int s = 1; s <= seeds; s++) {
        HoldoutSplit split = HoldoutSplit.perUser(all, 0.75, s);
        // Every choice is made on a validation split carved out of the train part.
        HoldoutSplit inner = HoldoutSplit.perUser(split.train(), 0.75, 1000L + s);
        Validation validation =
            new Validation(
                inner.train(), inner.test(), catalog, inner.seedBatches(catalog, 50, 2000L + s));
        Validation test =
            new Validation(
                split.train(), split.test(), catalog, split.seedBatches(catalog, 50, 3000L + s));
        TrainingInput innerTrain = TrainingInput.of(spark, inner.train());
        TrainingInput fullTrain = TrainingInput.of(spark, split.train());
        Map<String, Model> innerModels = new HashMap<>();
        Map<String, Model> fullModels = new HashMap<>();
        Map<String, Double> fitSeconds = new HashMap<>();
        for (Algorithm<?> a : algorithms) {
          if (!a.applicable(fullTrain)) {
            continue;
          }
          Chosen c = chooseAndRefit(a, innerTrain, validation, fullTrain, s);
          record(
              means, chosen, a.name(), c.params().toJson(), test.evaluate(c.model()), c.seconds());
          innerModels.put(a.name(), c.onValidation());
          fullModels.put(a.name(), c.model());
          fitSeconds.put(a.name(), c.seconds());
        }
        if (blend && fullModels.containsKey("ease") && fullModels.containsKey("als")) {
          var outcome =
              BlendSearch.run(innerModels.get("ease"), innerModels.get("als"), validation, METRIC);
          BlendWeight w = outcome.best();
          long t0 = System.nanoTime();
          BlendModel model =
              BlendModel.of(
                  List.of(fullModels.get("ease"), fullModels.get("als")),
                  w.weights(),
                  BlendSearch.firstUsers(split.train()));
          double seconds =
              fitSeconds.get("ease") + fitSeconds.get("als") + (System.nanoTime() - t0) / 1e9;
          record(means, chosen, "blend", model.params(), test.evaluate(model), seconds);
        }
        innerTrain.positives().unpersist();
        fullTrain.positives().unpersist();
      }
      List<Map<String, Object>> results = new ArrayList<>();
      means.forEach(
          (name, m) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("algorithm", name);
            row.put("params", params(chosen.get(name)));
            Map<String, Double> mm = m.means();
            for (String c : COLUMNS) {
              row.put(c, mm.getOrDefault(c, 0.0));
            }
            row.put("train_seconds", mm.get("train_seconds"));
            results.add(row);
          });
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("dataset", dataset);
      report.put("protocol", "holdout");
      report.put("k", OfflineEvaluation.K);
      report.put("seeds", seeds);
      report.put("results", results);
      return report;
    }

    /** One algorithm's params chosen on validation, refit on the whole train part. */
    private record Chosen(ModelParams params, Model onValidation, Model model, double seconds) {}

    private <P extends ModelParams> Chosen chooseAndRefit(
        Algorithm<P> a,
        TrainingInput innerTrain,
        Validation validation,
        TrainingInput fullTrain,
        long seed) {
      HyperparameterSearch.Outcome<P> outcome =
          HyperparameterSearch.run(a, innerTrain, validation, METRIC, budget, seed);
      long t0 = System.nanoTime();
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
