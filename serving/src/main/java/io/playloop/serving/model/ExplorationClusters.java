package io.playloop.serving.model;

/**
 * A model version's taste clusters for exploration: each cluster's pool (what exploration serves
 * from) and the cluster of every clustered playlist (to tell which clusters a user's list covers).
 * At most 64 clusters, so a set of clusters is one {@code long}. Immutable.
 */
public final class ExplorationClusters {
  /** Most clusters: a set of them is a {@code long} bitmask. */
  public static final int MAX = 64;

  private static final ExplorationClusters NONE =
      new ExplorationClusters(new int[0][], IntListMap.empty());

  private final int[][] pools;
  private final IntListMap clusterOf;

  /** {@code clusterOf} maps a playlist to a one-value list: its cluster (0 .. pools.length). */
  public ExplorationClusters(int[][] pools, IntListMap clusterOf) {
    if (pools.length > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " taste clusters, got " + pools.length);
    }
    this.pools = pools;
    this.clusterOf = clusterOf;
  }

  /** No clusters: nothing to explore. */
  public static ExplorationClusters none() {
    return NONE;
  }

  public int count() {
    return pools.length;
  }

  /** Cluster {@code c}'s pool, most liked first (not a copy: do not modify). */
  public int[] pool(int c) {
    return pools[c];
  }

  /** The cluster of {@code playlist}, -1 when it is in none. */
  public int clusterOf(int playlist) {
    int slot = clusterOf.slot(playlist);
    return slot < 0 ? -1 : clusterOf.values()[clusterOf.start(slot)];
  }

  /** The clusters of {@code values[from..to)}, as a bitmask (unclustered playlists add none). */
  public long covered(int[] values, int from, int to) {
    long mask = 0;
    int[] clusters = clusterOf.values();
    for (int i = from; i < to; i++) {
      int slot = clusterOf.slot(values[i]);
      if (slot >= 0) {
        mask |= 1L << clusters[clusterOf.start(slot)];
      }
    }
    return mask;
  }

  /** Approximate heap bytes. */
  public long bytes() {
    long b = clusterOf.bytes() + 64;
    for (int[] p : pools) {
      b += 4L * p.length + 16;
    }
    return b;
  }
}
