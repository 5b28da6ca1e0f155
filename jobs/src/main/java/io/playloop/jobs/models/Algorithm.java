package io.playloop.jobs.models;

import java.util.List;
import java.util.Map;

/** A ranker family: its hyperparameter grid and how to fit one cell of it. */
public interface Algorithm {
  String name();

  /** The cells the budgeted search tries, in order (the first is the default). */
  List<Map<String, Object>> grid();

  /** Whether this algorithm can train on {@code input} (e.g. EASE needs a small catalog). */
  boolean applicable(TrainingInput input);

  Model fit(TrainingInput input, Map<String, Object> params, long seed);
}
