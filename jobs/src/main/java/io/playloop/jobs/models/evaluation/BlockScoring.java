package io.playloop.jobs.models.evaluation;

/**
 * A model that scores a block of users against all its items at once (for factor models one dense
 * matrix product), so that ranking a large catalog for many users needs neither an id look-up per
 * item nor a product per user. Must agree with {@code Model.score(user, items())} row by row.
 */
public interface BlockScoring {
  /**
   * Writes the scores of every item for each of {@code users} into {@code out}: row-major
   * users.length x items().length, the columns in the order of the model's {@code items()}
   * (ascending ids). {@code out} is reused from block to block (fresh blocks of tens of MB would
   * make the collector grow the heap), so every entry in that range must be overwritten.
   */
  void scoreBlock(int[] users, float[] out);
}
