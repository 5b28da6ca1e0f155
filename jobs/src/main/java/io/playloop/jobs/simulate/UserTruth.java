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

  /** Generated world: the seed's score of each shown playlist drives the choice model. */
  record Generated(
      Map<Integer, int[]> librarySongs,
      Map<Integer, Double> exploration,
      Map<Integer, int[]> playlistSongs,
      ChoiceModel choice)
      implements UserTruth {
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
      return choice.choose(scores, random);
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
