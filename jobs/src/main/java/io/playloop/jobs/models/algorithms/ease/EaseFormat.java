package io.playloop.jobs.models.algorithms.ease;

import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.UserHistory;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourFormat;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourModel;
import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An EASE model on disk. Dense: the table item_weights (id, one weight row per item) and the table
 * user_history (user_id, playlists) of the positives it scores from. Blocked: the tables of every
 * sparse item-item model ({@link ItemNeighbourFormat}); its params carry the block size, which is
 * how a reader tells the two apart.
 */
public final class EaseFormat implements ModelFormat<Model> {
  static final String WEIGHTS = "item_weights";
  static final String HISTORY = "user_history";
  static final StructType HISTORY_SCHEMA =
      new StructType()
          .add("user_id", DataTypes.IntegerType, false)
          .add("playlists", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  @Override
  public String algorithm() {
    return EaseModel.ALGORITHM;
  }

  @Override
  public Class<Model> modelType() {
    return Model.class;
  }

  @Override
  public void write(Model model, ModelDirectory dir) {
    if (model instanceof EaseModel dense) {
      writeDense(dense, dir);
    } else if (model instanceof ItemNeighbourModel blocked) {
      blocked().write(blocked, dir);
    } else {
      throw new IllegalArgumentException(
          "an EASE format cannot write a " + model.getClass().getSimpleName());
    }
  }

  private static ItemNeighbourFormat blocked() {
    return new ItemNeighbourFormat(EaseModel.ALGORITHM, BlockedEaseParams::fromJson);
  }

  private void writeDense(EaseModel model, ModelDirectory dir) {
    dir.writeVectors(WEIGHTS, model.weightRows());
    UserHistory history = model.history();
    List<Row> rows = new ArrayList<>();
    for (int u : history.users()) {
      int[] items = history.items(u);
      Integer[] boxed = new Integer[items.length];
      for (int i = 0; i < items.length; i++) {
        boxed[i] = items[i];
      }
      rows.add(RowFactory.create(u, boxed));
    }
    dir.write(HISTORY, rows, HISTORY_SCHEMA);
  }

  @Override
  public Model read(ModelDirectory dir, Map<String, Object> params) {
    if (params != null && params.containsKey(BlockedEaseParams.BLOCK_ITEMS)) {
      return blocked().read(dir, params);
    }
    EaseParams p = EaseParams.fromJson(params);
    Dataset<Row> w = dir.read(WEIGHTS);
    // The matrix is square: one row of n weights per item.
    IdVectors weights = IdVectors.collect(w, (int) w.count());
    Map<Integer, int[]> hist = new HashMap<>();
    for (Row r : dir.read(HISTORY).collectAsList()) {
      List<Integer> items = r.getList(1);
      hist.put(r.getInt(0), items.stream().mapToInt(Integer::intValue).toArray());
    }
    return new EaseModel(weights.index(), weights.values(), new UserHistory(hist), p);
  }
}
