package io.playloop.core.registry;

/**
 * What the promotion gate compared: the candidate's and the active version's value of {@code
 * metric} on the same validation data, and whether the candidate passed.
 */
public record GateRecord(
    OfflineMetric metric, double value, String activeVersion, Double activeValue, boolean passed) {}
