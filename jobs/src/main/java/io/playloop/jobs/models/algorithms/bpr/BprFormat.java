package io.playloop.jobs.models.algorithms.bpr;

import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.Map;

/** A pairwise model on disk: user_factors and item_factors (id, features of rank + 1). */
public final class BprFormat implements ModelFormat<BprModel> {
  static final String USER_FACTORS = "user_factors";
  static final String ITEM_FACTORS = "item_factors";

  @Override
  public String algorithm() {
    return BprModel.ALGORITHM;
  }

  @Override
  public Class<BprModel> modelType() {
    return BprModel.class;
  }

  @Override
  public void write(BprModel model, ModelDirectory dir) {
    dir.writeVectors(USER_FACTORS, model.userVectors());
    dir.writeVectors(ITEM_FACTORS, model.itemVectors());
  }

  @Override
  public BprModel read(ModelDirectory dir, Map<String, Object> params) {
    BprParams p = BprParams.fromJson(params);
    return new BprModel(
        dir.readVectors(USER_FACTORS, p.rank() + 1),
        dir.readVectors(ITEM_FACTORS, p.rank() + 1),
        p);
  }
}
