package io.playloop.jobs.models.algorithms.gfcf;

import io.playloop.jobs.models.IdIndex;
import io.playloop.jobs.models.IdVectors;
import io.playloop.jobs.models.algorithms.neighbours.SparseTables;
import io.playloop.jobs.models.linalg.CsrMatrix;
import io.playloop.jobs.models.linalg.Interactions;
import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.Map;

/**
 * A linear filter on disk: item_filter (id, neighbours, weights), low_pass (id, features: the
 * item's entry in each singular vector; absent when the rank is 0) and user_history (user_id,
 * playlists).
 */
public final class GfcfFormat implements ModelFormat<GfcfModel> {
  static final String FILTER = "item_filter";
  static final String LOW_PASS = "low_pass";
  static final String HISTORY = "user_history";

  @Override
  public String algorithm() {
    return GfcfModel.ALGORITHM;
  }

  @Override
  public Class<GfcfModel> modelType() {
    return GfcfModel.class;
  }

  @Override
  public void write(GfcfModel model, ModelDirectory dir) {
    IdIndex items = model.positives().items();
    SparseTables.writeItemMatrix(dir, FILTER, items, model.itemFilter());
    SparseTables.writePositives(dir, HISTORY, model.positives());
    int n = items.size();
    int rank = model.rank();
    if (rank > 0) {
      dir.writeVectors(LOW_PASS, new IdVectors(items, model.lowPass(), rank));
    }
  }

  @Override
  public GfcfModel read(ModelDirectory dir, Map<String, Object> params) {
    GfcfParams p = GfcfParams.fromJson(params);
    IdIndex items = SparseTables.itemIds(dir, FILTER);
    Interactions positives = SparseTables.readPositives(dir, HISTORY, items);
    CsrMatrix filter = SparseTables.readItemMatrix(dir, FILTER, items);
    if (p.rank() == 0 || p.alpha() == 0) {
      return new GfcfModel(p, positives, filter, 0, new float[0]);
    }
    int rank = dir.read(LOW_PASS).select("features").first().getList(0).size();
    IdVectors saved = dir.readVectors(LOW_PASS, rank);
    int n = items.size();
    float[] byItem = new float[n * rank];
    for (int j = 0; j < n; j++) {
      int at = saved.index().index(items.id(j));
      if (at < 0) {
        throw new IllegalArgumentException("low_pass has no row for item " + items.id(j));
      }
      System.arraycopy(saved.values(), at * rank, byItem, j * rank, rank);
    }
    return new GfcfModel(p, positives, filter, rank, byItem);
  }
}
