package io.playloop.jobs.generate;

import java.io.Serializable;

/**
 * The generated world in compact arrays, broadcast to every executor: playlist songs, user
 * libraries with their exploration coefficients, and sampled inverted indexes (song -> a sample of
 * its playlists, song -> a sample of the users who have it) through which candidates are found.
 */
record WorldIndex(
    int songs,
    Csr playlistSongs,
    Csr userSongs,
    double[] exploration,
    Csr songPlaylists,
    Csr songUsers)
    implements Serializable {

  int users() {
    return userSongs.rows();
  }

  int playlists() {
    return playlistSongs.rows();
  }

  /** The true score, see {@link SeedScore}. */
  static double score(double e, int shared, int librarySize, int playlistSize) {
    return SeedScore.of(e, shared, librarySize, playlistSize);
  }

  /** Songs of playlist {@code p} that are marked (stamp == marker) in {@code songStamp}. */
  int sharedWithPlaylist(int p, int[] songStamp, int marker) {
    int[] v = playlistSongs.values();
    int m = 0;
    for (int i = playlistSongs.start(p), end = i + playlistSongs.size(p); i < end; i++) {
      if (songStamp[v[i]] == marker) {
        m++;
      }
    }
    return m;
  }

  /** Songs of user {@code u}'s library that are marked in {@code songStamp}. */
  int sharedWithLibrary(int u, int[] songStamp, int marker) {
    int[] v = userSongs.values();
    int m = 0;
    for (int i = userSongs.start(u), end = i + userSongs.size(u); i < end; i++) {
      if (songStamp[v[i]] == marker) {
        m++;
      }
    }
    return m;
  }
}
