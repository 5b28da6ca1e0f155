package io.playloop.jobs.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One owner per playlist, at most {@code cap} playlists per owner: the ownership rule (the highest
 * score/sqrt(library size) owns the playlist) applied greedily over all (playlist, candidate) bids
 * in descending owner score, so a full owner's playlists spill to their next best candidate.
 * Playlists whose candidates are all full go to a seeded random user with room.
 *
 * <p>The greedy is sequential by nature; it runs on the driver over the compact bids (a few
 * candidates per playlist, computed in Spark), not over users.
 */
final class Ownership {
  private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

  static final StructType SCHEMA =
      new StructType()
          .add("playlist_id", DataTypes.IntegerType, false)
          .add("owner_user_id", DataTypes.IntegerType, false);

  private Ownership() {}

  /**
   * Applies {@code bids} greedily, highest owner score first, to the playlists still without an
   * owner ({@code owner[p] < 0}), keeping every user's {@code load} within {@code cap}.
   */
  static int applyBids(Dataset<Row> bids, int[] owner, int[] load, int cap) {
    int n = (int) bids.count();
    int[] bidPlaylist = new int[n];
    int[] bidUser = new int[n];
    double[] bidScore = new double[n];
    Iterator<Row> it = bids.select("playlist_id", "user_id", "owner_score").toLocalIterator();
    for (int i = 0; i < n && it.hasNext(); i++) {
      Row r = it.next();
      bidPlaylist[i] = r.getInt(0);
      bidUser[i] = r.getInt(1);
      bidScore[i] = r.getDouble(2);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Highest owner score first; ties by playlist then user id, so the result is deterministic.
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(bidScore[b], bidScore[a]);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(bidPlaylist[a], bidPlaylist[b]);
          return c != 0 ? c : Integer.compare(bidUser[a], bidUser[b]);
        });
    int placed = 0;
    for (int i : order) {
      int p = bidPlaylist[i];
      int u = bidUser[i];
      if (owner[p] < 0 && load[u] < cap) {
        owner[p] = u;
        load[u]++;
        placed++;
      }
    }
    LOG.info("ownership: {} bids placed {} playlists", n, placed);
    return placed;
  }

  /** Ids of the playlists still without an owner. */
  static List<Long> unowned(int[] owner) {
    List<Long> out = new ArrayList<>();
    for (int p = 0; p < owner.length; p++) {
      if (owner[p] < 0) {
        out.add((long) p);
      }
    }
    return out;
  }

  /** Users that own {@code cap} playlists already. */
  static boolean[] full(int[] load, int cap) {
    boolean[] out = new boolean[load.length];
    for (int u = 0; u < load.length; u++) {
      out[u] = load[u] >= cap;
    }
    return out;
  }

  /** Playlists without an owner go to a seeded random user with room (rare unless cap is small). */
  static int placeLeftovers(int[] owner, int[] load, int cap, long seed) {
    int users = load.length;
    int placed = 0;
    for (int p = 0; p < owner.length; p++) {
      if (owner[p] >= 0) {
        continue;
      }
      SplittableRandom r = Rng.of(seed, Rng.FALLBACK, p);
      int u = r.nextInt(users);
      for (int tries = 0; load[u] >= cap && tries < 100; tries++) {
        u = r.nextInt(users);
      }
      for (int scanned = 0; load[u] >= cap; scanned++) {
        if (scanned == users) {
          throw new IllegalStateException("no user has room for playlist " + p);
        }
        u = (u + 1) % users;
      }
      owner[p] = u;
      load[u]++;
      placed++;
    }
    return placed;
  }

  /** The owners as rows (playlist_id, owner_user_id). */
  static Dataset<Row> asRows(SparkSession spark, int[] owner) {
    List<Row> rows = new ArrayList<>(owner.length);
    for (int p = 0; p < owner.length; p++) {
      rows.add(RowFactory.create(p, owner[p]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
