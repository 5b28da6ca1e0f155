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
    long[] listedClusters,
    double loadSeconds) {

  /**
   * A snapshot whose {@link #listedClusters} are computed here: per slot of {@code
   * recommendations}, the taste clusters that user's list touches. Exploration needs that set for
   * every user it serves; looking up 50 playlists' clusters per request cost a third of a 100-user
   * request's time, one long per slot costs 8 bytes.
   */
  public static ModelSnapshot of(
      String version,
      IntListMap recommendations,
      int[] popular,
      ExplorationClusters exploration,
      double loadSeconds) {
    long[] listed = new long[exploration.count() == 0 ? 0 : recommendations.capacity()];
    for (int slot = 0; slot < listed.length; slot++) {
      if (recommendations.occupied(slot)) {
        listed[slot] =
            exploration.covered(
                recommendations.values(), recommendations.start(slot), recommendations.end(slot));
      }
    }
    return new ModelSnapshot(version, recommendations, popular, exploration, listed, loadSeconds);
  }

  /** The taste clusters touched by the list at {@code slot} of {@link #recommendations}. */
  public long listedClusters(int slot) {
    return slot < listedClusters.length ? listedClusters[slot] : 0;
  }

  /** Approximate heap bytes. */
  public long bytes() {
    return recommendations.bytes()
        + 4L * popular.length
        + exploration.bytes()
        + 8L * listedClusters.length
        + 64;
  }
}
