package io.playloop.jobs.models.algorithms.popularity;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import java.util.List;

/** Positives per item: on the driver's history when there is one, else a Spark groupBy. */
public final class PopularityAlgorithm implements Algorithm<PopularityParams> {
  @Override
  public String name() {
    return PopularityModel.ALGORITHM;
  }

  @Override
  public List<PopularityParams> grid() {
    return List.of(new PopularityParams());
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return true;
  }

  @Override
  public Model fit(TrainingInput input, PopularityParams params, long seed) {
    if (input.history() != null) {
      return PopularityModel.fit(input.history());
    }
    return PopularityModel.fromCounts(
        input.positives().groupBy("playlist_id").count().collectAsList());
  }

  @Override
  public PopularityFormat format() {
    return new PopularityFormat();
  }
}
