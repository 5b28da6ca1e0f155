package io.playloop.jobs.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the weight of a two-model blend on validation (the components keep the params their own
 * searches chose), so only the weight is searched: no retraining per cell.
 */
public final class BlendSearch {
  private static final Logger LOG = LoggerFactory.getLogger(BlendSearch.class);
  static final double[] WEIGHTS = {0.3, 0.5, 0.7};
  static final int SCALE_SAMPLE_USERS = 200;

  private BlendSearch() {}

  /** The best first-component weight, with the validation metrics of each tried weight. */
  public static HyperparameterSearch.Outcome run(
      Model first, Model second, Validation validation, String metric) {
    BlendModel base =
        BlendModel.of(List.of(first, second), new double[] {0.5, 0.5}, sample(validation));
    List<HyperparameterSearch.Trial> trials = new ArrayList<>();
    HyperparameterSearch.Trial best = null;
    BlendModel bestModel = null;
    for (double w : WEIGHTS) {
      BlendModel m = base.withWeights(new double[] {w, 1 - w});
      Map<String, Double> metrics = validation.evaluate(m);
      LOG.info(
          "blend {}={} {}: validation {} = {}",
          first.algorithm(),
          w,
          second.algorithm(),
          metric,
          String.format("%.4f", metrics.get(metric)));
      var t = new HyperparameterSearch.Trial(Algorithms.cell("weight", w), metrics);
      trials.add(t);
      if (best == null || metrics.get(metric) > best.metrics().get(metric)) {
        best = t;
        bestModel = m;
      }
    }
    return new HyperparameterSearch.Outcome(
        "blend", best.params(), best.metrics(), bestModel, trials);
  }

  /** The first users (by id) of a history: where a final blend measures its scales. */
  static int[] firstUsers(UserHistory history) {
    return history.users().stream()
        .mapToInt(Integer::intValue)
        .sorted()
        .limit(SCALE_SAMPLE_USERS)
        .toArray();
  }

  /** Users whose scores set the blend's scales: the first few validation users. */
  static int[] sample(Validation validation) {
    int[] users =
        validation.relevant().keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    if (users.length == 0) {
      users = validation.batches().stream().mapToInt(EvalBatch::user).distinct().sorted().toArray();
    }
    return Arrays.copyOf(users, Math.min(users.length, SCALE_SAMPLE_USERS));
  }
}
