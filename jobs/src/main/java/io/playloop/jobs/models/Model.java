package io.playloop.jobs.models;

import java.io.Serializable;
import java.util.Map;

/**
 * A trained ranker: scores playlists (items) for a user. Models are small enough to live on the
 * driver and to be broadcast to executors for batch scoring. Each algorithm's package holds its
 * model and the {@link io.playloop.jobs.models.store.ModelFormat} that saves and loads it.
 */
public interface Model extends Serializable {
  /** The algorithm's name as the registry and reports spell it (popularity, als, ease, ...). */
  String algorithm();

  /** The parameters it was trained with, as JSON (its typed params record's {@code toJson}). */
  Map<String, Object> params();

  /** Scores of {@code items} for {@code user}; higher is better. Unknown ids get the lowest. */
  float[] score(int user, int[] items);

  /** Every item the model can rank (its catalog), ascending. */
  int[] items();
}
