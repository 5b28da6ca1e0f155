package io.playloop.core.ranking;

import java.util.LinkedHashMap;
import java.util.Map;

/** Averages named per-user (or per-positive) metric values; not thread-safe. */
public final class MetricMeans {
  private final Map<String, double[]> sums = new LinkedHashMap<>();

  /** Adds one observation of {@code metric}. */
  public void add(String metric, double value) {
    double[] s = sums.computeIfAbsent(metric, m -> new double[2]);
    s[0] += value;
    s[1]++;
  }

  /** Adds every observation of {@code other}. */
  public void addAll(MetricMeans other) {
    other.sums.forEach(
        (m, s) -> {
          double[] mine = sums.computeIfAbsent(m, x -> new double[2]);
          mine[0] += s[0];
          mine[1] += s[1];
        });
  }

  /** How many observations {@code metric} has. */
  public long count(String metric) {
    double[] s = sums.get(metric);
    return s == null ? 0 : (long) s[1];
  }

  /** The mean of every metric, in the order first added. */
  public Map<String, Double> means() {
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((m, s) -> out.put(m, s[1] == 0 ? 0 : s[0] / s[1]));
    return out;
  }
}
