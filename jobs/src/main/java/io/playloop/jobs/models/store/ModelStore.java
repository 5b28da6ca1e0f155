package io.playloop.jobs.models.store;

import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.lake.LakeTable;
import io.playloop.jobs.models.Algorithms;
import io.playloop.jobs.models.Model;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trained models in the lake under models/<model_version>: the tables each model's {@link
 * ModelFormat} writes, params.json ({@code algorithm} and {@code params}) and metrics.json, plain
 * files that any reader can open. Which format reads a folder is chosen by the {@code algorithm} of
 * its params.json, through {@link Algorithms}.
 */
public final class ModelStore {
  static final String PARAMS = "params.json";
  static final String METRICS = "metrics.json";

  private final Lake lake;

  public ModelStore(Lake lake) {
    this.lake = lake;
  }

  /** The folder of {@code version}. */
  public ModelDirectory directory(String version) {
    return new ModelDirectory(lake, LakeTable.modelPath(version));
  }

  /** Writes the model's tables first and the JSON files last: params.json marks it complete. */
  public void save(String version, Model model, Map<String, Object> metrics) throws IOException {
    ModelDirectory dir = directory(version);
    write(model, dir);
    dir.writeJson(METRICS, metrics);
  }

  /** Loads the model saved under {@code version}. */
  public Model load(String version) throws IOException {
    ModelDirectory dir = directory(version);
    try {
      return read(dir);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(
          "model version '" + version + "' is not in the lake (no " + dir.path() + "/params.json)");
    }
  }

  /** The model saved under {@code version}, or empty when this lake has none by that name. */
  public java.util.Optional<Model> find(String version) throws IOException {
    try {
      return java.util.Optional.of(read(directory(version)));
    } catch (FileNotFoundException e) {
      return java.util.Optional.empty();
    }
  }

  /** The metrics.json of a version. */
  public Map<String, Object> metrics(String version) throws IOException {
    return directory(version).readJson(METRICS);
  }

  /** Writes {@code model}'s tables into {@code dir}, then its params.json. */
  public static void write(Model model, ModelDirectory dir) throws IOException {
    ModelFormat<?> format =
        Algorithms.format(model.algorithm())
            .orElseThrow(() -> new IllegalArgumentException("cannot save " + model.algorithm()));
    writeWith(format, model, dir);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("algorithm", model.algorithm());
    params.put("params", model.params());
    dir.writeJson(PARAMS, params);
  }

  /** Reads the model in {@code dir} with the format its params.json names. */
  @SuppressWarnings("unchecked")
  public static Model read(ModelDirectory dir) throws IOException {
    Map<String, Object> meta = dir.readJson(PARAMS);
    Object algorithm = meta.get("algorithm");
    ModelFormat<?> format =
        Algorithms.format(String.valueOf(algorithm))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the model at " + dir.path() + " has unknown algorithm " + algorithm));
    return format.read(dir, (Map<String, Object>) meta.get("params"));
  }

  private static <M extends Model> void writeWith(
      ModelFormat<M> format, Model model, ModelDirectory dir) throws IOException {
    if (!format.modelType().isInstance(model)) {
      throw new IllegalArgumentException(
          "cannot save a "
              + model.getClass().getSimpleName()
              + " as "
              + format.algorithm()
              + " (expects "
              + format.modelType().getSimpleName()
              + ")");
    }
    format.write(format.modelType().cast(model), dir);
  }
}
