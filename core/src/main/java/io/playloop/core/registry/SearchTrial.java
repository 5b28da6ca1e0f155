package io.playloop.core.registry;

import java.util.Map;

/** One hyperparameter cell the training search tried and its validation figures. */
public record SearchTrial(Map<String, Object> params, Map<OfflineMetric, Double> validation) {

  /** A trial from the figures by name the evaluation returns. */
  public static SearchTrial of(Map<String, Object> params, Map<String, Double> validation) {
    return new SearchTrial(params, OfflineMetric.figures(validation));
  }
}
