package io.playloop.jobs.generate;

/** The true score of a playlist for a user, shared by the generator and the simulator. */
public final class SeedScore {
  private SeedScore() {}

  /**
   * ((1-e)·log(1+m) + e) / (sqrt(s)·sqrt(p)): e the user's exploration coefficient, m the shared
   * songs, s and p the library and playlist sizes.
   */
  public static double of(double e, int shared, int librarySize, int playlistSize) {
    return ((1 - e) * Math.log1p(shared) + e) / (Math.sqrt(librarySize) * Math.sqrt(playlistSize));
  }
}
