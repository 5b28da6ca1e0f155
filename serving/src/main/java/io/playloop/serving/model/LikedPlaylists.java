package io.playloop.serving.model;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The playlists each user already liked: loaded from {@code feedback} at start and kept current
 * from new feedback. Striped open-addressing tables of primitive arrays; a user's list is an
 * immutable int[] replaced on each new like, so readers never see a half-written list.
 */
public final class LikedPlaylists {
  private static final int[] NONE = new int[0];
  private static final int STRIPES = 64;
  private final Stripe[] stripes = new Stripe[STRIPES];

  public LikedPlaylists() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Every like in the feedback table. */
  public static LikedPlaylists load(DataSource dataSource) throws SQLException {
    LikedPlaylists liked = new LikedPlaylists();
    try (Connection c = dataSource.getConnection()) {
      CopyOut copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyOut("COPY (SELECT user_id, like_playlist FROM feedback) TO STDOUT");
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        int i = 0;
        int user = 0;
        while (row[i] != '\t') {
          user = user * 10 + (row[i++] - '0');
        }
        i++;
        int playlist = 0;
        while (i < row.length && row[i] >= '0' && row[i] <= '9') {
          playlist = playlist * 10 + (row[i++] - '0');
        }
        liked.add(user, playlist);
      }
    }
    return liked;
  }

  /** Records that {@code user} liked {@code playlist}. */
  public void add(int user, int playlist) {
    stripes[IntIndex.mix(user) & (STRIPES - 1)].add(user, playlist);
  }

  /** The playlists {@code user} liked (do not modify the array). */
  public int[] of(int user) {
    return stripes[IntIndex.mix(user) & (STRIPES - 1)].get(user);
  }

  /** Number of users with at least one like. */
  public int users() {
    int n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  /** One lock's share of the users. */
  private static final class Stripe {
    private int[] keys = new int[16];
    private int[][] lists = new int[16][];
    private int size;

    synchronized int[] get(int user) {
      int mask = keys.length - 1;
      int slot = (IntIndex.mix(user) >>> 6) & mask;
      while (true) {
        int k = keys[slot];
        if (k == user) {
          return lists[slot];
        }
        if (k == 0) {
          return NONE;
        }
        slot = (slot + 1) & mask;
      }
    }

    synchronized void add(int user, int playlist) {
      if ((size + 1) * 2 > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int slot = (IntIndex.mix(user) >>> 6) & mask;
      while (keys[slot] != 0 && keys[slot] != user) {
        slot = (slot + 1) & mask;
      }
      if (keys[slot] == 0) {
        keys[slot] = user;
        lists[slot] = new int[] {playlist};
        size++;
        return;
      }
      int[] old = lists[slot];
      for (int p : old) {
        if (p == playlist) {
          return;
        }
      }
      int[] next = Arrays.copyOf(old, old.length + 1);
      next[old.length] = playlist;
      lists[slot] = next;
    }

    private void grow() {
      int[] oldKeys = keys;
      int[][] oldLists = lists;
      keys = new int[oldKeys.length * 2];
      lists = new int[keys.length][];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          int slot = (IntIndex.mix(oldKeys[i]) >>> 6) & mask;
          while (keys[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[i];
          lists[slot] = oldLists[i];
        }
      }
    }
  }
}
