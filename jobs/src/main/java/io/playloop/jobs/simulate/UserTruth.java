package io.playloop.jobs.simulate;

import java.util.Map;

/**
 * What the simulator knows of the users it plays: for a generated world, the generator's ground
 * truth (song libraries, exploration, playlist songs); for an imported dataset, each user's
 * held-out positives.
 */
public sealed interface UserTruth {
  /** The position (0-based) of the playlist the user likes among {@code shown}, or -1: none. */
  int like(int userId, int[] shown, java.util.SplittableRandom random);

  /**
   * Generated world: the generator's true score of each shown playlist drives the choice model.
   * With {@code referenceRank} k > 0, scores count relative to the user's k-th best playlist in the
   * whole catalog (an absolute yardstick: a list of poor playlists is mostly rejected); with 0,
   * relative to the best one shown (the user always likes one, unless the choice model says
   * otherwise).
   */
  record Generated(
      Map<Integer, int[]> librarySongs,
      Map<Integer, Double> exploration,
      Map<Integer, int[]> playlistSongs,
      ChoiceModel choice,
      int referenceRank)
      implements UserTruth {
    /** Scores relative to the best playlist shown. */
    public Generated(
        Map<Integer, int[]> librarySongs,
        Map<Integer, Double> exploration,
        Map<Integer, int[]> playlistSongs,
        ChoiceModel choice) {
      this(librarySongs, exploration, playlistSongs, choice, 0);
    }

    @Override
    public int like(int userId, int[] shown, java.util.SplittableRandom random) {
      int[] library = librarySongs.get(userId);
      if (library == null || shown.length == 0) {
        return -1;
      }
      double e = exploration.getOrDefault(userId, 0.25);
      double[] scores = new double[shown.length];
      for (int i = 0; i < shown.length; i++) {
        int[] songs = playlistSongs.get(shown[i]);
        scores[i] = songs == null ? 0 : TrueScore.of(e, library, songs);
      }
      double reference = referenceRank > 0 ? kthBest(e, library) : 0;
      return choice.choose(scores, reference, random);
    }

    /** The user's k-th best true score over the whole catalog (one pass, a small heap). */
    double kthBest(double e, int[] library) {
      java.util.PriorityQueue<Double> best = new java.util.PriorityQueue<>(referenceRank + 1);
      for (int[] songs : playlistSongs.values()) {
        double s = TrueScore.of(e, library, songs);
        if (best.size() < referenceRank) {
          best.add(s);
        } else if (s > best.peek()) {
          best.poll();
          best.add(s);
        }
      }
      return best.size() < referenceRank ? 0 : best.peek();
    }
  }

  /** Imported dataset: the first shown playlist among the user's held-out positives, if any. */
  record HeldOut(Map<Integer, java.util.Set<Integer>> positives) implements UserTruth {
    @Override
    public int like(int userId, int[] shown, java.util.SplittableRandom random) {
      java.util.Set<Integer> held = positives.getOrDefault(userId, java.util.Set.of());
      for (int i = 0; i < shown.length; i++) {
        if (held.contains(shown[i])) {
          return i;
        }
      }
      return -1;
    }
  }
}
