package io.playloop.jobs.models.algorithms.blend;

import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.ModelParams;
import io.playloop.jobs.models.store.ModelDirectory;
import io.playloop.jobs.models.store.ModelFormat;
import io.playloop.jobs.models.store.ModelStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A blend on disk: each component saved whole (its own tables and params.json) in components/<i>;
 * the weights and scales are in the blend's params ({@code components[i].weight}, {@code .scale}).
 */
public final class BlendFormat implements ModelFormat<BlendModel> {
  static final String COMPONENTS = "components";

  @Override
  public String algorithm() {
    return BlendModel.ALGORITHM;
  }

  @Override
  public Class<BlendModel> modelType() {
    return BlendModel.class;
  }

  @Override
  public void write(BlendModel model, ModelDirectory dir) throws IOException {
    for (int c = 0; c < model.components().size(); c++) {
      ModelStore.write(model.components().get(c), dir.child(COMPONENTS + "/" + c));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public BlendModel read(ModelDirectory dir, Map<String, Object> params) throws IOException {
    Object listed = params == null ? null : params.get(COMPONENTS);
    if (!(listed instanceof List<?> parts) || parts.isEmpty()) {
      throw new IllegalArgumentException(
          "the blend at " + dir.path() + " lists no components in its params.json");
    }
    List<Model> components = new ArrayList<>();
    double[] weights = new double[parts.size()];
    double[] scales = new double[parts.size()];
    for (int c = 0; c < parts.size(); c++) {
      components.add(ModelStore.read(dir.child(COMPONENTS + "/" + c)));
      Map<String, Object> part = (Map<String, Object>) parts.get(c);
      weights[c] = ModelParams.number(part, "weight");
      scales[c] = ModelParams.number(part, "scale");
    }
    return new BlendModel(components, weights, scales);
  }
}
