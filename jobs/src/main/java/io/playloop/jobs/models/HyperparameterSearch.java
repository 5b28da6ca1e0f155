package io.playloop.jobs.models;

import io.playloop.jobs.models.evaluation.Validation;
import io.playloop.jobs.spark.JobPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A budgeted grid search: the first {@code budget} cells of an algorithm's grid, on validation. */
public final class HyperparameterSearch {
  private static final Logger LOG = LoggerFactory.getLogger(HyperparameterSearch.class);

  /** One cell tried (its params as JSON, as metrics.json lists them) and its validation scores. */
  public record Trial(Map<String, Object> params, Map<String, Double> metrics) {}

  /** The best cell by the metric, its model, the seconds its fit took, and every trial. */
  public record Outcome<P extends ModelParams>(
      String algorithm,
      P best,
      Map<String, Double> bestMetrics,
      Model bestModel,
      double bestFitSeconds,
      List<Trial> trials) {}

  private HyperparameterSearch() {}

  /**
   * The first {@code budget} cells, each fit on {@code train} and judged on {@code validation} by
   * {@code metric}. When {@code screened}, each cell is fit as its {@link Algorithm#screening}, and
   * the outcome's best is the cell itself while its model and metrics are the screening's: the
   * caller fits the best cell in full.
   */
  public static <P extends ModelParams> Outcome<P> run(
      Algorithm<P> algorithm,
      TrainingInput train,
      Validation validation,
      String metric,
      int budget,
      long seed,
      boolean screened) {
    List<P> grid = algorithm.grid();
    List<Trial> trials = new ArrayList<>();
    Trial best = null;
    P bestParams = null;
    Model bestModel = null;
    double bestFitSeconds = 0;
    for (P cell : grid.subList(0, Math.min(Math.max(1, budget), grid.size()))) {
      P fitted = screened ? algorithm.screening(cell) : cell;
      JobPhase.begin("search: fitting " + algorithm.name() + " " + fitted.toJson());
      long t0 = System.nanoTime();
      Model model = algorithm.fit(train, fitted, seed);
      double fitSeconds = (System.nanoTime() - t0) / 1e9;
      JobPhase.begin("search: validating " + algorithm.name() + " " + fitted.toJson());
      Map<String, Double> metrics = validation.evaluate(model);
      Double value = metrics.get(metric);
      if (value == null) {
        throw new IllegalArgumentException(
            "metric " + metric + " is not computed here (have " + metrics.keySet() + ")");
      }
      Map<String, Object> json = fitted.toJson();
      LOG.info("{} {}: validation {} = {}", algorithm.name(), json, metric, fmt(value));
      Trial t = new Trial(json, metrics);
      trials.add(t);
      if (best == null || value > best.metrics().get(metric)) {
        best = t;
        bestParams = cell;
        bestModel = model;
        bestFitSeconds = fitSeconds;
      }
    }
    return new Outcome<>(
        algorithm.name(), bestParams, best.metrics(), bestModel, bestFitSeconds, trials);
  }

  private static String fmt(double v) {
    return String.format("%.4f", v);
  }
}
