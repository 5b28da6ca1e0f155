package io.playloop.jobs.simulate;

import io.playloop.jobs.generate.SeedScore;

/** The generator's true score of a playlist for a user, from sorted song arrays. */
final class TrueScore {
  private TrueScore() {}

  /** Library and playlist songs must be sorted ascending. */
  static double of(double exploration, int[] library, int[] playlist) {
    int shared = 0;
    int i = 0;
    int j = 0;
    while (i < library.length && j < playlist.length) {
      if (library[i] == playlist[j]) {
        shared++;
        i++;
        j++;
      } else if (library[i] < playlist[j]) {
        i++;
      } else {
        j++;
      }
    }
    return SeedScore.of(exploration, shared, library.length, playlist.length);
  }
}
