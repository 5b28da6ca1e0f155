package io.playloop.jobs.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A budgeted grid search: the first {@code budget} cells of an algorithm's grid, on validation. */
public final class HyperparameterSearch {
  private static final Logger LOG = LoggerFactory.getLogger(HyperparameterSearch.class);

  /** One cell tried and what it scored on validation. */
  public record Trial(Map<String, Object> params, Map<String, Double> metrics) {}

  /** The best cell by {@code metric}, and every trial. */
  public record Outcome(
      String algorithm,
      Map<String, Object> best,
      Map<String, Double> bestMetrics,
      Model bestModel,
      List<Trial> trials) {}

  private HyperparameterSearch() {}

  public static Outcome run(
      Algorithm algorithm,
      TrainingInput train,
      Validation validation,
      String metric,
      int budget,
      long seed) {
    List<Map<String, Object>> grid = algorithm.grid();
    List<Trial> trials = new ArrayList<>();
    Trial best = null;
    Model bestModel = null;
    for (Map<String, Object> cell : grid.subList(0, Math.min(Math.max(1, budget), grid.size()))) {
      Model model = algorithm.fit(train, cell, seed);
      Map<String, Double> metrics = validation.evaluate(model);
      Double value = metrics.get(metric);
      if (value == null) {
        throw new IllegalArgumentException(
            "metric " + metric + " is not computed here (have " + metrics.keySet() + ")");
      }
      LOG.info("{} {}: validation {} = {}", algorithm.name(), cell, metric, fmt(value));
      Trial t = new Trial(cell, metrics);
      trials.add(t);
      if (best == null || value > best.metrics().get(metric)) {
        best = t;
        bestModel = model;
      }
    }
    return new Outcome(algorithm.name(), best.params(), best.metrics(), bestModel, trials);
  }

  private static String fmt(double v) {
    return String.format("%.4f", v);
  }
}
