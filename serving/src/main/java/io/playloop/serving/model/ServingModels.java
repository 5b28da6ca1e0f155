package io.playloop.serving.model;

/**
 * What the server serves right now: the active snapshot, an optional candidate with its traffic
 * share, and the catalog's owners. Swapped as one immutable object.
 */
public record ServingModels(
    ModelSnapshot active, ModelSnapshot candidate, double candidateShare, IntListMap owners) {

  /** The snapshot that serves {@code user}: stable for a user while the share stays the same. */
  public ModelSnapshot forUser(int user) {
    if (candidate != null && bucket(user) < candidateShare) {
      return candidate;
    }
    return active;
  }

  /** A stable pseudo-random number in [0, 1) for a user id. */
  public static double bucket(int user) {
    int h = IntHash.mix(user ^ 0x5bd1e995);
    return (h >>> 8) / (double) (1 << 24);
  }
}
