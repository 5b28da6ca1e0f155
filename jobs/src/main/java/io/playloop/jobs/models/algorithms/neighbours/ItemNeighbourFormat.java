package io.playloop.jobs.models.algorithms.neighbours;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * A sparse item-item model on disk, for every algorithm that fits one: the table item_neighbours
 * (id, neighbours, weights) and the table user_history (user_id, playlists).
 */
public final class ItemNeighbourFormat implements ModelFormat<ItemNeighbourModel> {
  static final String NEIGHBOURS = "item_neighbours";
  static final String HISTORY = "user_history";
  private final String algorithm;
  private final Function<Map<String, Object>, ModelParams> params;

  /**
   * @param params reads the algorithm's params JSON back into its typed record
   */
  public ItemNeighbourFormat(String algorithm, Function<Map<String, Object>, ModelParams> params) {
    this.algorithm = algorithm;
    this.params = params;
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  @Override
  public Class<ItemNeighbourModel> modelType() {
    return ItemNeighbourModel.class;
  }

  @Override
  public void write(ItemNeighbourModel model, ModelDirectory dir) {
    SparseTables.writeItemMatrix(dir, NEIGHBOURS, model.positives().items(), model.weights());
    SparseTables.writePositives(dir, HISTORY, model.positives());
  }

  @Override
  public ItemNeighbourModel read(ModelDirectory dir, Map<String, Object> json) {
    ModelParams p = params.apply(json);
    IdIndex items = SparseTables.itemIds(dir, NEIGHBOURS);
    Object halfLife = json == null ? null : json.get(ItemNeighbourModel.PROFILE_HALF_LIFE);
    return new ItemNeighbourModel(
        algorithm,
        p,
        SparseTables.readPositives(dir, HISTORY, items),
        SparseTables.readItemMatrix(dir, NEIGHBOURS, items),
        halfLife instanceof Number n ? n.doubleValue() : 0);
  }
}
