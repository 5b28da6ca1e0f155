package io.playloop.jobs.models.algorithms.bpr;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import java.util.List;

/**
 * The pairwise ranker (BPR) on user-blocks: learns from what users passed over, not only from what
 * they liked.
 */
public final class BprAlgorithm implements Algorithm<BprParams> {
  /** The search's cells, the default first. */
  static final List<BprParams> GRID =
      List.of(
          BprParams.defaults(),
          new BprParams(64, 0.05, 0.95, 0.01, 0.001, 25, 4, 1.0),
          new BprParams(32, 0.05, 0.95, 0.002, 0.001, 25, 8, 2.0),
          new BprParams(128, 0.03, 0.97, 0.002, 0.001, 40, 4, 1.0));

  @Override
  public String name() {
    return BprModel.ALGORITHM;
  }

  @Override
  public List<BprParams> grid() {
    return GRID;
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return input.blocks() != null;
  }

  @Override
  public Model fit(TrainingInput input, BprParams params, long seed) {
    return BprModel.of(BprTrainer.fit(input.blocks(), new int[0], params, seed), params);
  }

  @Override
  public BprFormat format() {
    return new BprFormat();
  }
}
