package io.playloop.jobs.models.algorithms.rp3beta;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import io.playloop.jobs.models.algorithms.neighbours.ItemNeighbourFormat;
import io.playloop.jobs.models.linalg.Interactions;
import java.util.List;

/** RP3beta, the popularity-damped random walk over items; sparse, so for any catalog size. */
public final class Rp3betaAlgorithm implements Algorithm<Rp3betaParams> {
  /** The search's cells, the default first. */
  static final List<Rp3betaParams> GRID =
      List.of(
          new Rp3betaParams(100, 0.8, 0.3),
          new Rp3betaParams(200, 1.0, 0.5),
          new Rp3betaParams(50, 0.6, 0.2),
          new Rp3betaParams(300, 0.8, 0.4),
          // Sparse, long-tail catalogs (amazon-book-subset) choose little popularity damping and
          // alpha well below 1 on validation; dense ones (MovieLens) choose the cells above.
          new Rp3betaParams(50, 0.4, 0.2),
          new Rp3betaParams(100, 0.5, 0.1),
          new Rp3betaParams(100, 1.0, 0.0));

  @Override
  public String name() {
    return Rp3beta.ALGORITHM;
  }

  @Override
  public List<Rp3betaParams> grid() {
    return GRID;
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return true;
  }

  @Override
  public Model fit(TrainingInput input, Rp3betaParams params, long seed) {
    return Rp3beta.fit(Interactions.of(input), params).withProfile(input.profile());
  }

  @Override
  public ItemNeighbourFormat format() {
    return new ItemNeighbourFormat(Rp3beta.ALGORITHM, Rp3betaParams::fromJson);
  }
}
