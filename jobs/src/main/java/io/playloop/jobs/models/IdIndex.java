package io.playloop.jobs.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A dense 0..n-1 index over sparse ids (users or playlists), for array-backed models. */
public final class IdIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int[] ids;
  private final Map<Integer, Integer> positions;

  public IdIndex(int[] ids) {
    this.ids = Arrays.stream(ids).distinct().sorted().toArray();
    this.positions = new HashMap<>(this.ids.length * 2);
    for (int i = 0; i < this.ids.length; i++) {
      positions.put(this.ids[i], i);
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
    Integer p = positions.get(id);
    return p == null ? -1 : p;
  }

  /** All ids, ascending. */
  public int[] ids() {
    return ids.clone();
  }
}
