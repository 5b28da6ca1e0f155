package io.playloop.jobs.models.store;

import io.playloop.jobs.models.Model;
import java.io.IOException;
import java.util.Map;

/**
 * How one kind of model is laid out in its {@link ModelDirectory}: the writer and the reader of its
 * tables. params.json ({@code algorithm} and the model's params) is written and read by {@link
 * ModelStore} for every kind alike; {@link #read} gets the params back.
 *
 * @param <M> the model class it writes and reads
 */
public interface ModelFormat<M extends Model> {
  /** The algorithm name in params.json that selects this format. */
  String algorithm();

  /** The model class it writes. */
  Class<M> modelType();

  /** Writes the model's tables into {@code dir}. */
  void write(M model, ModelDirectory dir) throws IOException;

  /** Reads a model back from {@code dir}, given the params object of its params.json. */
  M read(ModelDirectory dir, Map<String, Object> params) throws IOException;
}
