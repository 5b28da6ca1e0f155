package io.playloop.core.registry;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The offline figures a model version is judged by, under the names the evaluation writes and the
 * registry stores: the holdout protocol's top-10 figures and the negatives protocol's hit rates and
 * mean reciprocal rank.
 */
public enum OfflineMetric {
  MRR("mrr"),
  HIT_AT_1("hit_at_1"),
  HIT_AT_5("hit_at_5"),
  HIT_AT_10("hit_at_10"),
  PRECISION_AT_10("precision_at_10"),
  RECALL_AT_10("recall_at_10"),
  NDCG_AT_10("ndcg_at_10"),
  MAP_AT_10("map_at_10");

  private final String key;

  OfflineMetric(String key) {
    this.key = key;
  }

  /** The name in the registry's JSON and on the command line ({@code --metric mrr}). */
  public String key() {
    return key;
  }

  /** The metric named {@code key}; a clear error names the known ones. */
  public static OfflineMetric of(String key) {
    OfflineMetric m = find(key);
    if (m == null) {
      throw new IllegalArgumentException(
          "unknown offline metric '"
              + key
              + "' (known: "
              + String.join(", ", Arrays.stream(values()).map(OfflineMetric::key).toList())
              + ")");
    }
    return m;
  }

  /** The metric named {@code key}, or null. */
  public static OfflineMetric find(String key) {
    for (OfflineMetric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    return null;
  }

  /**
   * The figures an evaluation returned by name, typed; every name must be known (a new metric is
   * added here first, so that the registry and its readers know it).
   */
  public static Map<OfflineMetric, Double> figures(Map<String, Double> byName) {
    Map<OfflineMetric, Double> out = new EnumMap<>(OfflineMetric.class);
    byName.forEach((name, value) -> out.put(of(name), value));
    return Collections.unmodifiableMap(out);
  }
}
