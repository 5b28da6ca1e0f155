package io.playloop.serving.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The playlists each user already liked: loaded from {@code feedback} at start and kept current
 * from new feedback. Striped open-addressing tables of primitive arrays; a user's list is an
 * immutable int[] replaced on each new like, so readers never see a half-written list, and read
 * without locks.
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
    stripes[IntHash.mix(user) & (STRIPES - 1)].add(user, playlist);
  }

  /** The playlists {@code user} liked (do not modify the array). */
  public int[] of(int user) {
    return stripes[IntHash.mix(user) & (STRIPES - 1)].get(user);
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

  /**
   * One lock's share of the users. Writers take the lock; readers take none (a lock per lookup
   * would fence the CPU and serialise the cache misses of a 100-user request): a slot's list is
   * published before its key, and a grown table is filled before it is published.
   */
  private static final class Stripe {
    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle LISTS = MethodHandles.arrayElementVarHandle(int[][].class);
    private volatile Table table = new Table(16);
    private int size; // guarded by this

    private record Table(int[] keys, int[][] lists) {
      Table(int capacity) {
        this(new int[capacity], new int[capacity][]);
      }
    }

    int[] get(int user) {
      Table t = table;
      int mask = t.keys.length - 1;
      int slot = (IntHash.mix(user) >>> 6) & mask;
      while (true) {
        int k = (int) KEYS.getAcquire(t.keys, slot);
        if (k == user) {
          return (int[]) LISTS.getAcquire(t.lists, slot);
        }
        if (k == 0) {
          return NONE;
        }
        slot = (slot + 1) & mask;
      }
    }

    synchronized void add(int user, int playlist) {
      Table t = table;
      if ((size + 1) * 2 > t.keys.length) {
        t = grown(t);
        table = t;
      }
      int mask = t.keys.length - 1;
      int slot = (IntHash.mix(user) >>> 6) & mask;
      while (t.keys[slot] != 0 && t.keys[slot] != user) {
        slot = (slot + 1) & mask;
      }
      if (t.keys[slot] == 0) {
        LISTS.setRelease(t.lists, slot, new int[] {playlist});
        KEYS.setRelease(t.keys, slot, user);
        size++;
        return;
      }
      int[] old = t.lists[slot];
      for (int p : old) {
        if (p == playlist) {
          return;
        }
      }
      int[] next = Arrays.copyOf(old, old.length + 1);
      next[old.length] = playlist;
      LISTS.setRelease(t.lists, slot, next);
    }

    private static Table grown(Table old) {
      Table t = new Table(old.keys.length * 2);
      int mask = t.keys.length - 1;
      for (int i = 0; i < old.keys.length; i++) {
        if (old.keys[i] != 0) {
          int slot = (IntHash.mix(old.keys[i]) >>> 6) & mask;
          while (t.keys[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          t.keys[slot] = old.keys[i];
          t.lists[slot] = old.lists[i];
        }
      }
      return t;
    }
  }
}
