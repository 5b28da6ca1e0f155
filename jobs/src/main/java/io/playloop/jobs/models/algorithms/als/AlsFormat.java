package io.playloop.jobs.models.algorithms.als;

import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import java.util.Map;

/** An ALS model on disk: the tables user_factors and item_factors (id, features of rank). */
public final class AlsFormat implements ModelFormat<AlsModel> {
  static final String USER_FACTORS = "user_factors";
  static final String ITEM_FACTORS = "item_factors";

  @Override
  public String algorithm() {
    return AlsModel.ALGORITHM;
  }

  @Override
  public Class<AlsModel> modelType() {
    return AlsModel.class;
  }

  @Override
  public void write(AlsModel model, ModelDirectory dir) {
    dir.writeVectors(USER_FACTORS, model.userVectors());
    dir.writeVectors(ITEM_FACTORS, model.itemVectors());
  }

  @Override
  public AlsModel read(ModelDirectory dir, Map<String, Object> params) {
    AlsParams p = AlsParams.fromJson(params);
    return new AlsModel(
        dir.readVectors(USER_FACTORS, p.rank()), dir.readVectors(ITEM_FACTORS, p.rank()), p);
  }
}
