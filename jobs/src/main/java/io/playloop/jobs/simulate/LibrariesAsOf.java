package io.playloop.jobs.simulate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A drifting world's libraries at a simulated week: the generator stores a user's library only for
 * the weeks in which it changed, so the one in force at week W is the change with the highest week
 * <= W, and without one the bootstrap library.
 */
final class LibrariesAsOf {
  private LibrariesAsOf() {}

  /** One stored change: the user's library from {@code week} on. */
  record Change(int userId, int week, int[] songs, double exploration) {}

  /** The change in force at {@code week} for each user that has one (others keep bootstrap). */
  static Map<Integer, Change> latest(List<Change> changes, int week) {
    Map<Integer, Change> out = new HashMap<>();
    for (Change c : changes) {
      if (c.week() <= week) {
        out.merge(c.userId(), c, (a, b) -> a.week() >= b.week() ? a : b);
      }
    }
    return out;
  }

  /** Replaces, in place, the bootstrap libraries and explorations by the ones of {@code week}. */
  static int apply(
      Map<Integer, int[]> songs, Map<Integer, Double> exploration, List<Change> changes, int week) {
    Map<Integer, Change> latest = latest(changes, week);
    for (Change c : latest.values()) {
      songs.put(c.userId(), c.songs());
      exploration.put(c.userId(), c.exploration());
    }
    return latest.size();
  }
}
