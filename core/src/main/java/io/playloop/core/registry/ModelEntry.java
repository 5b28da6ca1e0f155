package io.playloop.core.registry;

import java.util.Map;

/** One row of the models table: a registered model version. */
public record ModelEntry(
    String modelVersion,
    String algorithm,
    Map<String, Object> params,
    OfflineMetrics metrics,
    ModelStatus status,
    double trafficShare) {}
