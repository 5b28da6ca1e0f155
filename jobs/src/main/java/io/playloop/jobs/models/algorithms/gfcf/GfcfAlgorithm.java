package io.playloop.jobs.models.algorithms.gfcf;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.List;

/** The GF-CF-style linear filter: sparse item-item term plus a truncated-SVD low-pass term. */
public final class GfcfAlgorithm implements Algorithm<GfcfParams> {
  /**
   * The search's cells, the default first. The second is the item-item term alone with a low item
   * exponent (less popularity damping), fitted in seconds: on amazon-book-subset it beat every
   * low-pass cell on validation (nDCG@10 0.0287 against 0.0119 for the first; exponents 0.5, 0.3,
   * 0.2, 0.1, 0 gave 0.012, 0.022, 0.027, 0.029, 0.029), as the GF-CF authors' own code runs
   * amazon-book without its low-pass term.
   */
  static final List<GfcfParams> GRID =
      List.of(
          new GfcfParams(256, 0.3, 0.5, 200),
          new GfcfParams(0, 0.0, 0.1, 400),
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
