package io.playloop.jobs.models.evaluation;

import java.util.Arrays;

/**
 * Sums over the items a user's profile reaches, kept dense for O(1) adds and listed for O(reached)
 * reads and clearing: one instance per thread, reused from user to user.
 */
public final class ReachedScores {
  private final float[] sums;
  private final boolean[] reached;
  private int[] positions = new int[256];
  private int count;

  /** Scratch for a model of {@code items} items. */
  public ReachedScores(int items) {
    sums = new float[items];
    reached = new boolean[items];
  }

  /** {@code sum[position] += value}, the same float operations as a dense accumulation. */
  public void add(int position, float value) {
    if (!reached[position]) {
      reached[position] = true;
      if (count == positions.length) {
        positions = Arrays.copyOf(positions, count * 2);
      }
      positions[count++] = position;
    }
    sums[position] += value;
  }

  /** How many items were reached. */
  public int count() {
    return count;
  }

  /** The k-th reached item's position, in the order first reached. */
  public int position(int k) {
    return positions[k];
  }

  public boolean reached(int position) {
    return reached[position];
  }

  /**
   * The item's score under {@link SparseScoring}'s rule: its sum when that is not 0 (a reached item
   * whose contributions cancel scores like an unreached one), else {@code base}.
   */
  public float scoreOr(int position, float base) {
    float sum = sums[position];
    return sum != 0f ? sum : base;
  }

  /** Empties it for the next user, in O(reached). */
  public void clear() {
    for (int k = 0; k < count; k++) {
      sums[positions[k]] = 0f;
      reached[positions[k]] = false;
    }
    count = 0;
  }
}
