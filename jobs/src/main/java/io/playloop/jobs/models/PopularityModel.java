package io.playloop.jobs.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ranks by how many users liked a playlist: the baseline and the cold-start fallback. */
public final class PopularityModel implements Model {
  private static final long serialVersionUID = 1L;
  private final IdIndex items;
  private final float[] counts;

  public PopularityModel(IdIndex items, float[] counts) {
    this.items = items;
    this.counts = counts;
  }

  /** Counts positives per item in {@code history}. */
  public static PopularityModel fit(UserHistory history) {
    Map<Integer, Integer> counts = new java.util.HashMap<>();
    for (int u : history.users()) {
      for (int i : history.items(u)) {
        counts.merge(i, 1, Integer::sum);
      }
    }
    IdIndex index = new IdIndex(counts.keySet().stream().mapToInt(Integer::intValue).toArray());
    float[] c = new float[index.size()];
    counts.forEach((i, n) -> c[index.index(i)] = n);
    return new PopularityModel(index, c);
  }

  /** From (playlist_id, count) rows, e.g. a Spark groupBy over the positives. */
  public static PopularityModel fromCounts(java.util.List<org.apache.spark.sql.Row> rows) {
    IdIndex index = new IdIndex(rows.stream().mapToInt(r -> r.getInt(0)).toArray());
    float[] c = new float[index.size()];
    for (org.apache.spark.sql.Row r : rows) {
      c[index.index(r.getInt(0))] = ((Number) r.get(1)).floatValue();
    }
    return new PopularityModel(index, c);
  }

  @Override
  public String algorithm() {
    return "popularity";
  }

  @Override
  public Map<String, Object> params() {
    return new LinkedHashMap<>();
  }

  @Override
  public float[] score(int user, int[] ids) {
    float[] out = new float[ids.length];
    for (int k = 0; k < ids.length; k++) {
      int i = items.index(ids[k]);
      out[k] = i < 0 ? 0 : counts[i];
    }
    return out;
  }

  @Override
  public int[] items() {
    return items.ids();
  }

  /** The {@code n} most popular items, most popular first (ties by smaller id). */
  public int[] top(int n) {
    Integer[] order = new Integer[items.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : Float.compare(counts[b], counts[a]));
    return Arrays.stream(order).limit(n).mapToInt(items::id).toArray();
  }

  /** Positives per item (for saving): ids and counts in index order. */
  public IdIndex index() {
    return items;
  }

  public float[] counts() {
    return counts.clone();
  }
}
