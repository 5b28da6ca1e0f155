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

  /** How its models are written to and read from a model directory. */
  ModelFormat<? extends Model> format();
}
