package io.playloop.jobs.models.linalg;

import io.playloop.jobs.models.IdIndex;

/**
 * Picks the scores of requested ids out of a dense score vector over a model's items. A sorted
 * request (a whole catalog) is merged against the sorted item ids in O(n + m), without one hash
 * look-up per id; unknown ids get negative infinity, below every known one.
 */
public final class CatalogScores {
  private CatalogScores() {}

  /**
   * @param dense one score per item, in the order of {@code itemIds}
   * @param itemIds the model's item ids, ascending (the ids of {@code index})
   */
  public static float[] pick(float[] dense, IdIndex index, int[] itemIds, int[] ids) {
    float[] out = new float[ids.length];
    if (isAscending(ids)) {
      int p = 0;
      for (int k = 0; k < ids.length; k++) {
        while (p < itemIds.length && itemIds[p] < ids[k]) {
          p++;
        }
        out[k] = p < itemIds.length && itemIds[p] == ids[k] ? dense[p] : Float.NEGATIVE_INFINITY;
      }
      return out;
    }
    for (int k = 0; k < ids.length; k++) {
      int i = index.index(ids[k]);
      out[k] = i < 0 ? Float.NEGATIVE_INFINITY : dense[i];
    }
    return out;
  }

  private static boolean isAscending(int[] ids) {
    for (int k = 1; k < ids.length; k++) {
      if (ids[k] < ids[k - 1]) {
        return false;
      }
    }
    return true;
  }
}
