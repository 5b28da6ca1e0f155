package io.playloop.jobs.models.algorithms.als;

import io.playloop.jobs.models.Algorithm;
import io.playloop.jobs.models.Model;
import io.playloop.jobs.models.TrainingInput;
import java.util.List;

/** Spark MLlib ALS, implicit feedback, with explicit negatives as confident zeros. */
public final class AlsAlgorithm implements Algorithm<AlsParams> {
  /**
   * The search's cells, the default first, then by how often they won on validation: rank 64 with
   * alpha 5 on amazon-book-subset, rank 16 on MovieLens 100k; rank 64 with reg 1 came last on both.
   */
  static final List<AlsParams> GRID =
      List.of(
          new AlsParams(32, 0.1, 1.0, 15, 1.0),
          new AlsParams(64, 0.1, 5.0, 15, 1.0),
          new AlsParams(16, 0.1, 1.0, 15, 1.0),
          new AlsParams(64, 1.0, 1.0, 15, 1.0));

  /**
   * Sweeps a screening fit runs. ALS's implicit loss falls fastest in its first sweeps, and the
   * cells' order on validation after five is the order after fifteen (measured on
   * amazon-book-subset, see docs/models.md), at a third of the cost.
   */
  static final int SCREENING_ITERATIONS = 5;

  private final List<AlsParams> grid;

  public AlsAlgorithm() {
    this(GRID);
  }

  private AlsAlgorithm(List<AlsParams> grid) {
    this.grid = grid;
  }

  /** The same grid with every cell's iterations set to {@code iterations} (quick runs). */
  public AlsAlgorithm withIterations(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("ALS iterations must be at least 1");
    }
    return new AlsAlgorithm(grid.stream().map(p -> p.withIterations(iterations)).toList());
  }

  @Override
  public String name() {
    return AlsModel.ALGORITHM;
  }

  @Override
  public List<AlsParams> grid() {
    return grid;
  }

  @Override
  public boolean applicable(TrainingInput input) {
    return true;
  }

  @Override
  public Model fit(TrainingInput input, AlsParams params, long seed) {
    return AlsTrainer.fit(
        AlsTrainer.ratings(input.positives(), input.negatives(), params.negativeWeight()),
        params,
        seed);
  }

  @Override
  public AlsParams screening(AlsParams cell) {
    return cell.withIterations(Math.min(cell.iterations(), SCREENING_ITERATIONS));
  }

  @Override
  public AlsFormat format() {
    return new AlsFormat();
  }
}
