package io.playloop.jobs.models.algorithms.popularity;

import io.playloop.jobs.models.ModelParams;
import java.util.LinkedHashMap;
import java.util.Map;

/** Popularity has no hyperparameters: its one grid cell and its empty params object. */
public record PopularityParams() implements ModelParams {
  @Override
  public Map<String, Object> toJson() {
    return new LinkedHashMap<>();
  }
}
