package io.playloop.jobs.models.algorithms.neighbours;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.models.store.ModelDirectory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables sparse models share on disk: an item x item matrix as one row per item (id,
 * neighbours, weights) and the positives they score from as one row per user (user_id, playlists,
 * weights: each positive's weight in the user's profile; tables written before weights existed have
 * no such column and read as all ones).
 */
public final class SparseTables {
  static final StructType NEIGHBOURS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("neighbours", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("weights", DataTypes.createArrayType(DataTypes.FloatType, false), false);
  static final StructType HISTORY =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("playlists", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("weights", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private SparseTables() {}

  /**
   * Writes {@code weights} (rows and columns in the order of {@code items}) as table {@code name}.
   */
  public static void writeItemMatrix(
      ModelDirectory dir, String name, IdIndex items, CsrMatrix weights) {
    List<Row> rows = new ArrayList<>(weights.rows());
    for (int r = 0; r < weights.rows(); r++) {
      int[] cols = weights.rowIndices(r);
      float[] vals = weights.rowValues(r);
      Integer[] ids = new Integer[cols.length];
      Float[] ws = new Float[cols.length];
      for (int k = 0; k < cols.length; k++) {
        ids[k] = items.id(cols[k]);
        ws[k] = vals[k];
      }
      rows.add(RowFactory.create(items.id(r), ids, ws));
    }
    dir.write(name, rows, NEIGHBOURS);
  }

  /** Reads what {@link #writeItemMatrix} wrote, in the order of {@code items}. */
  public static CsrMatrix readItemMatrix(ModelDirectory dir, String name, IdIndex items) {
    int n = items.size();
    int[][] cols = new int[n][];
    float[][] vals = new float[n][];
    Iterator<Row> it = dir.read(name).select("id", "neighbours", "weights").toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      int row = known(items, r.getInt(0));
      List<Integer> ids = r.getList(1);
      List<Float> ws = r.getList(2);
      int[] c = new int[ids.size()];
      float[] v = new float[ids.size()];
      for (int k = 0; k < c.length; k++) {
        c[k] = known(items, ids.get(k));
        v[k] = ws.get(k);
      }
      cols[row] = c;
      vals[row] = v;
    }
    for (int r = 0; r < n; r++) {
      if (cols[r] == null) {
        throw new IllegalArgumentException("table " + name + " has no row for item " + items.id(r));
      }
    }
    return CsrMatrix.ofRows(n, cols, vals);
  }

  /** Writes the positives as table {@code name}. */
  public static void writePositives(ModelDirectory dir, String name, Interactions positives) {
    List<Row> rows = new ArrayList<>(positives.users().size());
    for (int r = 0; r < positives.users().size(); r++) {
      int[] cols = positives.matrix().rowIndices(r);
      float[] vals = positives.matrix().rowValues(r);
      Integer[] ids = new Integer[cols.length];
      Float[] ws = new Float[cols.length];
      for (int k = 0; k < cols.length; k++) {
        ids[k] = positives.items().id(cols[k]);
        ws[k] = vals[k];
      }
      rows.add(RowFactory.create(positives.users().id(r), ids, ws));
    }
    dir.write(name, rows, HISTORY);
  }

  /** Reads what {@link #writePositives} wrote, its items indexed by {@code items}. */
  public static Interactions readPositives(ModelDirectory dir, String name, IdIndex items) {
    org.apache.spark.sql.Dataset<Row> table = dir.read(name);
    boolean weighted = java.util.Arrays.asList(table.columns()).contains("weights");
    List<Row> all =
        (weighted
                ? table.select("user_id", "playlists", "weights")
                : table.select("user_id", "playlists"))
            .collectAsList();
    IdIndex users = new IdIndex(all.stream().mapToInt(r -> r.getInt(0)).toArray());
    int[][] rows = new int[users.size()][];
    float[][] values = new float[users.size()][];
    for (Row r : all) {
      List<Integer> ids = r.getList(1);
      List<Float> ws = weighted ? r.getList(2) : null;
      // Sorted by item index, each weight moving with its item.
      Integer[] order = new Integer[ids.size()];
      int[] c = new int[ids.size()];
      for (int k = 0; k < c.length; k++) {
        c[k] = known(items, ids.get(k));
        order[k] = k;
      }
      java.util.Arrays.sort(order, (a, b) -> Integer.compare(c[a], c[b]));
      int[] sorted = new int[c.length];
      float[] v = new float[c.length];
      for (int k = 0; k < c.length; k++) {
        sorted[k] = c[order[k]];
        v[k] = ws == null ? 1f : ws.get(order[k]);
      }
      int row = users.index(r.getInt(0));
      rows[row] = sorted;
      values[row] = v;
    }
    return new Interactions(users, items, CsrMatrix.ofRows(items.size(), rows, values));
  }

  /** The ids of the items table {@code name} has rows for. */
  public static IdIndex itemIds(ModelDirectory dir, String name) {
    return new IdIndex(
        dir.read(name).select("id").collectAsList().stream().mapToInt(r -> r.getInt(0)).toArray());
  }

  private static int known(IdIndex items, int id) {
    int i = items.index(id);
    if (i < 0) {
      throw new IllegalArgumentException("item " + id + " is not among the model's items");
    }
    return i;
  }
}
