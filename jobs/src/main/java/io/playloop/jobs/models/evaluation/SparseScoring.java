package io.playloop.jobs.models.evaluation;

/**
 * A model whose scores for a user are a few items reached from the user's profile laid over one
 * fixed base score per item (the sparse item models: the neighbours of the user's positives, and
 * every other item by popularity). Ranking a catalog then costs the reached items plus the head of
 * one precomputed order of the base scores, instead of a pass over the whole catalog per user. Must
 * agree with {@code Model.score(user, items())}: an item scores its reached sum when it is reached
 * and the sum is not 0, else its base score.
 */
public interface SparseScoring {
  /** One score per item of {@code items()}, in that order; finite. */
  float[] baseScores();

  /**
   * Adds the user's reached sums into the empty {@code reach}; adds nothing for an unknown user.
   */
  void reach(int user, ReachedScores reach);
}
