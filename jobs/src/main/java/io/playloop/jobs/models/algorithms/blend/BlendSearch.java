package io.playloop.jobs.models.algorithms.blend;

import io.playloop.jobs.models.HyperparameterSearch;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.evaluation.EvalBatch;
import io.playloop.jobs.models.evaluation.Validation;
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

  /** The first component's weights tried, in order. */
  static final List<BlendWeight> GRID =
      List.of(new BlendWeight(0.3), new BlendWeight(0.5), new BlendWeight(0.7));

  static final int SCALE_SAMPLE_USERS = 200;

  private BlendSearch() {}

  /** The best first-component weight, with the validation metrics of each tried weight. */
  public static HyperparameterSearch.Outcome<BlendWeight> run(
      Model first, Model second, Validation validation, String metric) {
    BlendModel base =
        BlendModel.of(List.of(first, second), new double[] {0.5, 0.5}, sample(validation));
    List<HyperparameterSearch.Trial> trials = new ArrayList<>();
    HyperparameterSearch.Trial best = null;
    BlendWeight bestWeight = null;
    BlendModel bestModel = null;
    for (BlendWeight w : GRID) {
      BlendModel m = base.withWeights(w.weights());
      Map<String, Double> metrics = validation.evaluate(m);
      LOG.info(
          "blend {}={} {}: validation {} = {}",
          first.algorithm(),
          w.weight(),
          second.algorithm(),
          metric,
          String.format("%.4f", metrics.get(metric)));
      var t = new HyperparameterSearch.Trial(w.toJson(), metrics);
      trials.add(t);
      if (best == null || metrics.get(metric) > best.metrics().get(metric)) {
        best = t;
        bestWeight = w;
        bestModel = m;
      }
    }
    return new HyperparameterSearch.Outcome<>(
        BlendModel.ALGORITHM, bestWeight, best.metrics(), bestModel, 0, trials);
  }

  /** The first users (by id) of a history: where a final blend measures its scales. */
  public static int[] firstUsers(UserHistory history) {
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
