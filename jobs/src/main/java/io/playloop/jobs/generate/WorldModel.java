package io.playloop.jobs.generate;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The taste structure of a generated world: songs fall into latent taste clusters (genres) with
 * Zipf popularity inside each cluster; a user's library and a playlist's songs are drawn mostly
 * from a few clusters. Every draw is a pure function of (seed, entity id), so any executor can
 * produce any user or playlist and the same seed always gives the same world.
 *
 * <p>Taste drift: {@link #library(int, int, Drift)} gives a user's library at a simulated week.
 */
final class WorldModel implements Serializable {
  /**
   * Share of a user's library drawn from their own clusters; the rest is popular songs anywhere.
   */
  static final double USER_IN_TASTE = 0.8;

  /** Share of a playlist's songs from its main cluster, its second cluster; the rest anywhere. */
  static final double PLAYLIST_MAIN = 0.75;

  static final double PLAYLIST_SECOND = 0.15;

  /** Cluster (genre) sizes are themselves skewed: weight 1/(rank+1)^0.6. */
  static final double CLUSTER_SKEW = 0.6;

  private final WorldSpec spec;
  private transient double[] clusterCdf;
  private transient double[] songCdf;

  WorldModel(WorldSpec spec) {
    this.spec = spec;
  }

  WorldSpec spec() {
    return spec;
  }

  /** A user's library (sorted distinct song ids) and exploration coefficient. */
  record Library(int[] songs, double exploration) {}

  /** A playlist's songs (sorted, distinct) and its main cluster (for its name). */
  record PlaylistDraw(int[] songs, int mainCluster) {}

  /** The user's library as generated for the bootstrap batch (week 0, no drift). */
  Library library(int userId) {
    return library(userId, 0, Drift.NONE);
  }

  /**
   * The user's library at simulated week {@code week} under {@code drift}: in each drift week the
   * user's main taste cluster moves to another cluster with the drift's probability. Size,
   * exploration and secondary tastes stay; after a move the library is redrawn around the new main
   * taste. Week 0, or no drift, is exactly the bootstrap library.
   */
  Library library(int userId, int week, Drift drift) {
    Taste taste = taste(userId);
    int moves = moves(userId, week, drift, taste.clusters());
    SplittableRandom songsRng =
        moves == 0 ? taste.rest() : Rng.of(spec.seed(), Rng.DRIFT, ((long) userId << 20) + moves);
    return new Library(drawLibrary(songsRng, taste.size(), taste.clusters()), taste.exploration());
  }

  /** How many times the user's main taste moved in weeks 1..{@code week}. */
  int moves(int userId, int week, Drift drift) {
    return moves(userId, week, drift, taste(userId).clusters());
  }

  /** A user's drawn traits, and the user's stream positioned where the songs are drawn. */
  private record Taste(SplittableRandom rest, int size, int[] clusters, double exploration) {}

  private Taste taste(int userId) {
    SplittableRandom r = Rng.of(spec.seed(), Rng.USER, userId);
    int size = Rng.logNormalSize(r, spec.library());
    int nClusters = 1 + (r.nextDouble() < 0.5 ? 1 : 0) + (r.nextDouble() < 0.25 ? 1 : 0);
    int[] clusters = distinctClusters(r, nClusters);
    double e = Rng.beta(r, spec.explorationAlpha(), spec.explorationBeta());
    return new Taste(r, size, clusters, e);
  }

  /**
   * Moves {@code clusters[0]} week by week and counts the moves. Whether a user would move in week
   * w is one draw per week and the new cluster comes from a stream of its own, so a user's week-w
   * draw does not depend on which weeks the drift allows.
   */
  private int moves(int userId, int week, Drift drift, int[] clusters) {
    if (week <= 0 || !drift.enabled() || clusters.length >= spec.clusters()) {
      return 0;
    }
    int moves = 0;
    SplittableRandom d = Rng.of(spec.seed(), Rng.DRIFT, userId);
    for (int w = 1; w <= week; w++) {
      boolean move = d.nextDouble() < drift.rate();
      if (move && drift.movesIn(w)) {
        SplittableRandom target = Rng.of(spec.seed(), Rng.DRIFT_TARGET, ((long) userId << 20) + w);
        clusters[0] = otherCluster(target, clusters);
        moves++;
      }
    }
    return moves;
  }

  private int[] drawLibrary(SplittableRandom r, int size, int[] clusters) {
    int nClusters = clusters.length;
    // The first cluster is the main taste: weights 1, 1/2, 1/3.
    double[] cdf = new double[nClusters];
    double sum = 0;
    for (int i = 0; i < nClusters; i++) {
      sum += 1.0 / (i + 1);
      cdf[i] = sum;
    }
    for (int i = 0; i < nClusters; i++) {
      cdf[i] /= sum;
    }
    cdf[nClusters - 1] = 1.0;
    SongSet songs = new SongSet(size);
    int attempts = 0;
    while (songs.size() < size && attempts++ < 50 * size) {
      int cluster =
          r.nextDouble() < USER_IN_TASTE ? clusters[Rng.pick(cdf, r)] : Rng.pick(clusterCdf(), r);
      songs.add(songIn(cluster, r));
    }
    fillUniform(songs, size, r);
    return songs.sorted();
  }

  /** A cluster (by popularity) that the user does not have yet. */
  private int otherCluster(SplittableRandom r, int[] current) {
    while (true) {
      int c = Rng.pick(clusterCdf(), r);
      boolean taken = false;
      for (int x : current) {
        taken |= x == c;
      }
      if (!taken) {
        return c;
      }
    }
  }

  PlaylistDraw playlist(int playlistId) {
    SplittableRandom r = Rng.of(spec.seed(), Rng.PLAYLIST, playlistId);
    int size = Rng.logNormalSize(r, spec.playlist());
    int main = Rng.pick(clusterCdf(), r);
    int second = r.nextDouble() < 0.3 ? Rng.pick(clusterCdf(), r) : main;
    SongSet songs = new SongSet(size);
    int attempts = 0;
    while (songs.size() < size && attempts++ < 50 * size) {
      double u = r.nextDouble();
      int cluster =
          u < PLAYLIST_MAIN
              ? main
              : u < PLAYLIST_MAIN + PLAYLIST_SECOND ? second : Rng.pick(clusterCdf(), r);
      songs.add(songIn(cluster, r));
    }
    fillUniform(songs, size, r);
    return new PlaylistDraw(songs.sorted(), main);
  }

  /** Cluster c holds songs c, c+K, c+2K, ...; rank i inside it is song c + i*K (Zipf on i). */
  private int songIn(int cluster, SplittableRandom r) {
    int k = spec.clusters();
    while (true) {
      int song = cluster + Rng.pick(songCdf(), r) * k;
      if (song < spec.songs()) {
        return song;
      }
    }
  }

  private int[] distinctClusters(SplittableRandom r, int n) {
    int[] out = new int[Math.min(n, spec.clusters())];
    int filled = 0;
    while (filled < out.length) {
      int c = Rng.pick(clusterCdf(), r);
      boolean seen = false;
      for (int i = 0; i < filled; i++) {
        seen |= out[i] == c;
      }
      if (!seen) {
        out[filled++] = c;
      }
    }
    return out;
  }

  /** When Zipf draws keep repeating (tiny catalogs), uniform songs complete the set. */
  private void fillUniform(SongSet songs, int size, SplittableRandom r) {
    while (songs.size() < size) {
      songs.add(r.nextInt(spec.songs()));
    }
  }

  private double[] clusterCdf() {
    if (clusterCdf == null) {
      clusterCdf = Rng.zipfCdf(spec.clusters(), CLUSTER_SKEW);
    }
    return clusterCdf;
  }

  private double[] songCdf() {
    if (songCdf == null) {
      int perCluster = (spec.songs() + spec.clusters() - 1) / spec.clusters();
      songCdf = Rng.zipfCdf(perCluster, spec.songZipf());
    }
    return songCdf;
  }

  /** A small set of distinct non-negative ints (open addressing; libraries run to hundreds). */
  private static final class SongSet {
    private final int[] table;
    private final int[] items;
    private int size;

    SongSet(int capacity) {
      table = new int[Integer.highestOneBit(Math.max(4, capacity) * 4 - 1) << 1];
      Arrays.fill(table, -1);
      items = new int[capacity];
    }

    int size() {
      return size;
    }

    void add(int song) {
      if (size == items.length) {
        return;
      }
      int mask = table.length - 1;
      int i = (int) Rng.mix(song) & mask;
      while (table[i] != -1) {
        if (table[i] == song) {
          return;
        }
        i = (i + 1) & mask;
      }
      table[i] = song;
      items[size++] = song;
    }

    int[] sorted() {
      int[] out = Arrays.copyOf(items, size);
      Arrays.sort(out);
      return out;
    }
  }
}
