package io.playloop.core.registry;

/**
 * What the promotion gate compared: the candidate's and the active version's value of {@code
 * metric} on the same validation data, whether the candidate passed, and which validation data it
 * was ({@code validation}, null in records written before the gate said so).
 */
public record GateRecord(
    OfflineMetric metric,
    double value,
    String activeVersion,
    Double activeValue,
    boolean passed,
    ValidationScope validation) {

  /** A record that does not say which validation data the gate used. */
  public GateRecord(
      OfflineMetric metric,
      double value,
      String activeVersion,
      Double activeValue,
      boolean passed) {
    this(metric, value, activeVersion, activeValue, passed, null);
  }
}
