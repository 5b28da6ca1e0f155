package io.playloop.core.registry;

import java.util.List;
import java.util.Map;

/**
 * What the models table's {@code metrics} column holds for a version: its validation and test
 * figures, how the training chose it, its search, which validation data judged it, and (once
 * scored) the gate's record. {@code train} writes it, {@code score} adds the gate, the server
 * exports the validation MRR.
 */
public record OfflineMetrics(
    Map<OfflineMetric, Double> validation,
    Map<OfflineMetric, Double> test,
    OfflineMetric chosenBy,
    boolean chosen,
    double trainSeconds,
    String trainingWindow,
    List<SearchTrial> search,
    GateRecord gate,
    ValidationScope validationData) {

  /** A version registered without figures. */
  public static final OfflineMetrics NONE =
      new OfflineMetrics(Map.of(), Map.of(), null, false, 0, null, List.of(), null, null);

  public OfflineMetrics {
    validation = Map.copyOf(validation);
    test = Map.copyOf(test);
    search = List.copyOf(search);
  }

  /** The record of a trained version, from the figures by name the evaluation returns. */
  public static OfflineMetrics trained(
      Map<String, Double> validation,
      Map<String, Double> test,
      String chosenBy,
      boolean chosen,
      double trainSeconds,
      String trainingWindow,
      List<SearchTrial> search) {
    return new OfflineMetrics(
        OfflineMetric.figures(validation),
        OfflineMetric.figures(test),
        OfflineMetric.of(chosenBy),
        chosen,
        trainSeconds,
        trainingWindow,
        search,
        null,
        null);
  }

  /** The validation value of {@code metric}, or null when it was not computed. */
  public Double validation(OfflineMetric metric) {
    return validation.get(metric);
  }

  /** The same record with the gate's outcome. */
  public OfflineMetrics withGate(GateRecord newGate) {
    return new OfflineMetrics(
        validation,
        test,
        chosenBy,
        chosen,
        trainSeconds,
        trainingWindow,
        search,
        newGate,
        validationData);
  }

  /** The same record saying which validation data chose the version. */
  public OfflineMetrics withValidationData(ValidationScope scope) {
    return new OfflineMetrics(
        validation, test, chosenBy, chosen, trainSeconds, trainingWindow, search, gate, scope);
  }

  /** The JSON stored in the models table (and in the lake's metrics.json beside the model). */
  public String toJson() {
    return MetricsJson.write(this);
  }

  /** The JSON as nested maps and lists, for writers that take plain values. */
  public Map<String, Object> toMap() {
    return MetricsJson.toMap(this);
  }

  /**
   * Reads a {@code metrics} column. Rows written before this record existed held the validation
   * figures at the top level ({@code {"mrr": 0.2}}); they read as validation figures.
   */
  public static OfflineMetrics fromJson(String json) {
    return MetricsJson.read(json);
  }
}
