package io.playloop.jobs.models;

/** Picks the k best-scored ids (ties: smaller id first), skipping NaN and -infinity scores. */
public final class TopScored {
  private TopScored() {}

  /** Positions into {@code ids}/{@code scores} of the k best, best first. */
  public static int[] positions(int[] ids, float[] scores, int k) {
    return positions(ids, scores, 0, k);
  }

  /**
   * Positions into {@code ids} of the k best, best first, where id p's score is {@code
   * scores[offset + p]}: one row of a row-major block of scores, without copying it out.
   */
  public static int[] positions(int[] ids, float[] scores, int offset, int k) {
    int[] best = new int[k];
    int size = 0;
    int n = ids.length;
    int p = 0;
    for (; p < n && size < k; p++) {
      if (rankable(scores[offset + p])) {
        insert(ids, scores, offset, best, size++, p);
      }
    }
    if (size == k && k > 0) {
      // The scan of a large catalog: most scores fall below the worst kept one and cost one
      // compare against a local (which also rejects NaN and negative infinity).
      float worst = scores[offset + best[k - 1]];
      int worstId = ids[best[k - 1]];
      for (; p < n; p++) {
        float s = scores[offset + p];
        if (!(s >= worst) || (s == worst && ids[p] > worstId)) {
          continue;
        }
        insert(ids, scores, offset, best, k - 1, p);
        worst = scores[offset + best[k - 1]];
        worstId = ids[best[k - 1]];
      }
    }
    return java.util.Arrays.copyOf(best, size);
  }

  /** Puts p into best[0..at] in order, moving worse ones down; slot {@code at} is overwritten. */
  private static void insert(int[] ids, float[] scores, int offset, int[] best, int at, int p) {
    while (at > 0 && better(ids, scores, offset, p, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = p;
  }

  /** Whether a score can be listed: NaN and negative infinity (an unknown item) cannot. */
  public static boolean rankable(float score) {
    return !Float.isNaN(score) && score != Float.NEGATIVE_INFINITY;
  }

  /** The k best ids, best first. */
  public static int[] ids(int[] ids, float[] scores, int k) {
    return ids(ids, scores, 0, k);
  }

  /** The k best ids, best first, id p's score being {@code scores[offset + p]}. */
  public static int[] ids(int[] ids, float[] scores, int offset, int k) {
    int[] pos = positions(ids, scores, offset, k);
    int[] out = new int[pos.length];
    for (int i = 0; i < pos.length; i++) {
      out[i] = ids[pos[i]];
    }
    return out;
  }

  private static boolean better(int[] ids, float[] scores, int offset, int a, int b) {
    float sa = scores[offset + a];
    float sb = scores[offset + b];
    return sa > sb || (sa == sb && ids[a] < ids[b]);
  }
}
