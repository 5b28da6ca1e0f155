package io.playloop.jobs.models;

import io.playloop.jobs.models.store.ModelFormat;
import java.util.List;

/**
 * A ranker family: its hyperparameter grid, how to fit one cell of it, and how its models are saved
 * and loaded.
 *
 * @param <P> its typed hyperparameters
 */
public interface Algorithm<P extends ModelParams> {
  /** The name models of this algorithm carry ({@link Model#algorithm()}), e.g. als. */
  String name();

  /** The cells the budgeted search tries, in order (the first is the default). */
  List<P> grid();

  /** Whether this algorithm can train on {@code input} (e.g. EASE needs a small catalog). */
  boolean applicable(TrainingInput input);

  Model fit(TrainingInput input, P params, long seed);

  /**
   * A cheaper version of {@code cell} that ranks among the other cells' cheap versions as the cells
   * themselves would, for searches where a full fit of every cell costs too much (fewer sweeps of
   * an iterative fit, say). The search picks a cell by its screening and then fits the cell itself.
   * The cell itself when there is no such version.
   */
  default P screening(P cell) {
    return cell;
  }

  /** How its models are written to and read from a model directory. */
  ModelFormat<? extends Model> format();
}
