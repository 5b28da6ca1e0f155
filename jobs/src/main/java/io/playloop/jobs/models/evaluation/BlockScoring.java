package io.playloop.jobs.models.evaluation;

/**
 * A model that scores a block of users against all its items at once (for factor models one dense
 * matrix product), so that ranking a large catalog for many users needs neither an id look-up per
 * item nor a product per user. Must agree with {@code Model.score(user, items())} row by row.
 */
public interface BlockScoring {
  /**
   * Scores of every item for each of {@code users}: row-major users.length x items().length, the
   * columns in the order of the model's {@code items()} (ascending ids).
   */
  float[] scoreBlock(int[] users);
}
