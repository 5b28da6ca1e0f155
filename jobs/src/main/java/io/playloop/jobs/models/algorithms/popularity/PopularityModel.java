package io.playloop.jobs.models.algorithms.popularity;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Ranks by how many users liked a playlist: the baseline and the cold-start fallback. */
public final class PopularityModel implements Model {
  /** The name in params.json and the models table. */
  public static final String ALGORITHM = "popularity";

  private static final long serialVersionUID = 1L;
  private final IdIndex items;
  private final float[] counts;

  public PopularityModel(IdIndex items, float[] counts) {
    this.items = items;
    this.counts = counts;
  }

  /** Counts positives per item in {@code history}. */
  public static PopularityModel fit(UserHistory history) {
    Map<Integer, Integer> counts = new HashMap<>();
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
  public static PopularityModel fromCounts(List<Row> rows) {
    IdIndex index = new IdIndex(rows.stream().mapToInt(r -> r.getInt(0)).toArray());
    float[] c = new float[index.size()];
    for (Row r : rows) {
      c[index.index(r.getInt(0))] = ((Number) r.get(1)).floatValue();
    }
    return new PopularityModel(index, c);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public Map<String, Object> params() {
    return new PopularityParams().toJson();
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

  /** The items, in the order of {@link #counts()}. */
  IdIndex index() {
    return items;
  }

  /** Positives per item, in index order. */
  float[] counts() {
    return counts.clone();
  }
}
