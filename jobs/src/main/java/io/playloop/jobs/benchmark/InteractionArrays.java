package io.playloop.jobs.benchmark;

import io.playloop.jobs.models.UserHistory;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A benchmark's interactions on the driver in parallel arrays: user, item, weight, time (epoch
 * seconds).
 */
public record InteractionArrays(int[] users, int[] items, float[] weights, long[] times) {
  public InteractionArrays {
    if (users.length != items.length
        || users.length != weights.length
        || users.length != times.length) {
      throw new IllegalArgumentException("interaction columns differ in length");
    }
  }

  public int size() {
    return users.length;
  }

  /**
   * The rows the importer's reader parsed (user_id, item_id, weight, event_time), gathered on the
   * driver: the benchmark's datasets (MovieLens 100k, Last.fm) fit there.
   */
  public static InteractionArrays of(Dataset<Row> rows) {
    List<Row> all = rows.select("user_id", "item_id", "weight", "event_time").collectAsList();
    int n = all.size();
    int[] users = new int[n];
    int[] items = new int[n];
    float[] weights = new float[n];
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      Row r = all.get(i);
      users[i] = r.getInt(0);
      items[i] = r.getInt(1);
      weights[i] = (float) r.getDouble(2);
      times[i] = r.isNullAt(3) ? 0L : r.getTimestamp(3).getTime() / 1000;
    }
    if (n == 0) {
      throw new IllegalArgumentException("the input has no interactions");
    }
    return new InteractionArrays(users, items, weights, times);
  }

  /** The users' items, each pair once. */
  public UserHistory history() {
    return UserHistory.of(users, items);
  }
}
