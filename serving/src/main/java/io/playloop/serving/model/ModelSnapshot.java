package io.playloop.serving.model;

/**
 * One model version in memory: its precomputed list per user, its popularity list and its taste
 * clusters for exploration, as primitive arrays. Immutable; replaced as a whole when a new version
 * becomes active.
 */
public record ModelSnapshot(
    String version,
    IntListMap recommendations,
    int[] popular,
    ExplorationClusters exploration,
    double loadSeconds) {

  /** Approximate heap bytes. */
  public long bytes() {
    return recommendations.bytes() + 4L * popular.length + exploration.bytes() + 64;
  }
}
