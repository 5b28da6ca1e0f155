package io.playloop.jobs.models.linalg;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.UserHistory;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.sql.Row;

/**
 * The positives as a sparse 0/1 user x item matrix with the ids of its rows and columns: what the
 * item-item models build from and keep to score a user from their positives. 8 bytes per positive
 * plus the two id indexes.
 */
public record Interactions(IdIndex users, IdIndex items, CsrMatrix matrix)
    implements java.io.Serializable {
  public Interactions {
    if (matrix.rows() != users.size() || matrix.cols() != items.size()) {
      throw new IllegalArgumentException("matrix shape does not match its ids");
    }
  }

  /** From the driver's history, each user's items once. */
  public static Interactions of(UserHistory history) {
    int[] userIds = history.users().stream().mapToInt(Integer::intValue).toArray();
    IdIndex users = new IdIndex(userIds);
    IdIndex items =
        new IdIndex(
            history.users().stream()
                .flatMapToInt(u -> Arrays.stream(history.items(u)))
                .distinct()
                .toArray());
    int[][] rows = new int[users.size()][];
    for (int r = 0; r < users.size(); r++) {
      int[] hist = history.items(users.id(r));
      int[] cols = new int[hist.length];
      for (int k = 0; k < hist.length; k++) {
        cols[k] = items.index(hist[k]);
      }
      rows[r] = Arrays.stream(cols).distinct().sorted().toArray();
    }
    return new Interactions(users, items, CsrMatrix.binary(items.size(), rows));
  }

  /**
   * The training input's positives: its driver history when there is one, else streamed from Spark
   * one partition at a time into primitive arrays (no list of rows on the driver). Built once per
   * input: every cell of every item model's grid reads the same matrix.
   */
  public static Interactions of(TrainingInput input) {
    Object key = input.history() != null ? input.history() : input.positives();
    synchronized (BUILT) {
      Interactions built = BUILT.get(key);
      if (built == null) {
        built = build(input);
        BUILT.put(key, built);
      }
      return built;
    }
  }

  /** By the identity of the input's history or positives; dropped once those are unreachable. */
  private static final Map<Object, Interactions> BUILT = new WeakHashMap<>();

  private static Interactions build(TrainingInput input) {
    if (input.history() != null) {
      return of(input.history());
    }
    int n = Math.toIntExact(input.positives().count());
    int[] u = new int[n];
    int[] i = new int[n];
    int at = 0;
    Iterator<Row> rows = input.positives().select("user_id", "playlist_id").toLocalIterator();
    while (rows.hasNext() && at < n) {
      Row r = rows.next();
      u[at] = r.getInt(0);
      i[at] = r.getInt(1);
      at++;
    }
    return of(UserHistory.of(Arrays.copyOf(u, at), Arrays.copyOf(i, at)));
  }

  /** Positives per item, in item index order. */
  public double[] itemDegrees() {
    return matrix.columnSums();
  }

  /** The item indexes of {@code user}'s positives, or an empty array for an unknown user. */
  public int[] itemsOf(int user) {
    int r = users.index(user);
    return r < 0 ? new int[0] : matrix.rowIndices(r);
  }
}
