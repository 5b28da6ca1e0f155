package io.playloop.jobs.models.algorithms.gfcf;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.List;

/** The GF-CF-style linear filter: sparse item-item term plus a truncated-SVD low-pass term. */
public final class GfcfAlgorithm implements Algorithm<GfcfParams> {
  /** The search's cells, the default first. */
  static final List<GfcfParams> GRID =
      List.of(
          new GfcfParams(256, 0.3, 0.5, 200),
          new GfcfParams(128, 0.3, 0.4, 200),
          new GfcfParams(64, 0.5, 0.5, 200),
          new GfcfParams(256, 0.1, 0.5, 400));

  @Override
  public String name() {
    return GfcfModel.ALGORITHM;
  }

  @Override
  public List<GfcfParams> grid() {
    return GRID;
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return true;
  }

  @Override
  public Model fit(TrainingInput input, GfcfParams params, long seed) {
    return GfcfModel.fit(Interactions.of(input), params, seed);
  }

  @Override
  public GfcfFormat format() {
    return new GfcfFormat();
  }
}
