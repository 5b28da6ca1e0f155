package io.playloop.jobs.models;

import java.io.Serializable;
import java.util.Arrays;

/** A dense 0..n-1 index over sparse ids (users or playlists), for array-backed models. */
public final class IdIndex implements Serializable {
  private static final long serialVersionUID = 2L;

  /** A direct table serves ids spread over at most this many slots per id; else binary search. */
  static final int MAX_SLOTS_PER_ID = 4;

  private final int[] ids;

  /**
   * positions[id - min] is the dense position of id, or -1: one array read, no boxing, for the
   * usual dense ids; null when the ids are too spread out for a table of bounded size.
   */
  private final int[] positions;

  public IdIndex(int[] ids) {
    this.ids = Arrays.stream(ids).distinct().sorted().toArray();
    int n = this.ids.length;
    long span = n == 0 ? 0 : (long) this.ids[n - 1] - this.ids[0] + 1;
    if (n > 0 && span <= (long) MAX_SLOTS_PER_ID * n + 1024) {
      positions = new int[(int) span];
      Arrays.fill(positions, -1);
      for (int i = 0; i < n; i++) {
        positions[this.ids[i] - this.ids[0]] = i;
      }
    } else {
      positions = null;
    }
  }

  public int size() {
    return ids.length;
  }

  /** The id at dense position {@code index}. */
  public int id(int index) {
    return ids[index];
  }

  /** The dense position of {@code id}, or -1 when unknown. */
  public int index(int id) {
    if (positions != null) {
      long slot = (long) id - ids[0];
      return slot >= 0 && slot < positions.length ? positions[(int) slot] : -1;
    }
    int p = Arrays.binarySearch(ids, id);
    return p >= 0 ? p : -1;
  }

  /** All ids, ascending. */
  public int[] ids() {
    return ids.clone();
  }
}
