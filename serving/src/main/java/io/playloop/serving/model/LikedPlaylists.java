package io.playloop.serving.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The playlists each user already liked, for the filter that keeps them out of recommendations.
 * Bounded by configuration, not by history ({@link Limits}):
 *
 * <ul>
 *   <li>only likes of the last {@code window} (the training window: older likes are in the data the
 *       model was trained on, and scoring already leaves a user's training likes out) are loaded at
 *       start; a user whose last like is older than the window is forgotten within another eighth
 *       of it;
 *   <li>at most {@code maxPerUser} likes per user, the newest (an older one makes room);
 *   <li>at most {@code maxUsers} users: when a stripe of the table is full, it keeps the half of
 *       its users who liked most recently.
 * </ul>
 *
 * Memory is therefore at most about {@code maxUsers * (64 + 4 * maxPerUser)} bytes ({@link
 * #bytes()} counts it). Striped open-addressing tables of primitive arrays: per slot the user and
 * the time of their last like in one int[], and the user's likes as one immutable int[] replaced on
 * each new like (a copy of at most {@code maxPerUser} ints), so readers never see a half-written
 * list, and read without locks.
 */
public final class LikedPlaylists {
  private static final int[] NONE = new int[0];
  private static final int MAX_STRIPES = 64;

  /** Stripes have at least this many users each (fewer stripes for a small {@code maxUsers}). */
  private static final int MIN_USERS_PER_STRIPE = 1024;

  /** Times are whole seconds since this instant, in an int (good until 2088). */
  private static final long EPOCH_SECOND = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

  /** What the filter keeps. */
  public record Limits(int maxUsers, int maxPerUser, Duration window) {
    public Limits {
      if (maxUsers <= 0 || maxPerUser <= 0) {
        throw new IllegalArgumentException(
            "liked-playlist limits must be positive, got " + maxUsers + " and " + maxPerUser);
      }
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("the liked-playlist window must be positive: " + window);
      }
    }
  }

  private final Limits limits;
  private final Stripe[] stripes;
  private final int stripeMask;
  private final int windowSeconds;
  private volatile int nextSweep; // when to look for users whose last like left the window

  public LikedPlaylists(Limits limits) {
    this.limits = limits;
    int n = 1;
    while (n < MAX_STRIPES && (long) limits.maxUsers() / (n * 2L) >= MIN_USERS_PER_STRIPE) {
      n *= 2;
    }
    this.stripes = new Stripe[n];
    this.stripeMask = n - 1;
    int usersPerStripe = Math.max(1, limits.maxUsers() / n);
    this.windowSeconds = (int) Math.min(Integer.MAX_VALUE / 2, limits.window().toSeconds());
    for (int i = 0; i < n; i++) {
      stripes[i] = new Stripe(usersPerStripe, limits.maxPerUser(), windowSeconds);
    }
  }

  public Limits limits() {
    return limits;
  }

  /** Records that {@code user} liked {@code playlist} just now. */
  public void add(int user, int playlist) {
    add(user, playlist, Instant.now());
  }

  /** Records that {@code user} liked {@code playlist} at {@code at} (the load's old likes). */
  public void add(int user, int playlist, Instant at) {
    long seconds = at.getEpochSecond() - EPOCH_SECOND;
    int time = (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds));
    if (time >= nextSweep) {
      // At most once per eighth of the window: forget users whose last like left it.
      nextSweep = time + Math.max(1, windowSeconds / 8);
      for (Stripe s : stripes) {
        s.forgetBefore(time - windowSeconds);
      }
    }
    stripes[IntHash.mix(user) & stripeMask].add(user, playlist, time);
  }

  /** The playlists {@code user} liked, oldest first (do not modify the array). */
  public int[] of(int user) {
    return stripes[IntHash.mix(user) & stripeMask].get(user);
  }

  /** Number of users with at least one like kept. */
  public int users() {
    int n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  /** The heap bytes of the filter: its tables and every user's list (object headers included). */
  public long bytes() {
    long bytes = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        bytes += s.bytes();
      }
    }
    return bytes;
  }

  /**
   * One lock's share of the users. Writers take the lock; readers take none (a lock per lookup
   * would fence the CPU and serialise the cache misses of a 100-user request): a slot's list is
   * published before its key, and a new table is filled before it is published.
   */
  private static final class Stripe {
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle LISTS = MethodHandles.arrayElementVarHandle(int[][].class);
    private final int maxUsers;
    private final int maxPerUser;
    private final int windowSeconds;
    private volatile Table table = new Table(16);
    private int size; // guarded by this
    private int oldest = Integer.MAX_VALUE; // a lower bound of the kept last-like times

    /** Per slot: {@code users[2 * slot]} the user (0: empty), {@code [2 * slot + 1]} last like. */
    private record Table(int[] users, int[][] lists) {
      Table(int capacity) {
        this(new int[2 * capacity], new int[capacity][]);
      }

      int capacity() {
        return lists.length;
      }
    }

    Stripe(int maxUsers, int maxPerUser, int windowSeconds) {
      this.maxUsers = maxUsers;
      this.maxPerUser = maxPerUser;
      this.windowSeconds = windowSeconds;
    }

    int[] get(int user) {
      Table t = table;
      int mask = t.capacity() - 1;
      int slot = (IntHash.mix(user) >>> 6) & mask;
      while (true) {
        int k = (int) INTS.getAcquire(t.users, 2 * slot);
        if (k == user) {
          return (int[]) LISTS.getAcquire(t.lists, slot);
        }
        if (k == 0) {
          return NONE;
        }
        slot = (slot + 1) & mask;
      }
    }

    synchronized void forgetBefore(int time) {
      if (oldest < time) {
        table = rebuilt(table, time, Integer.MAX_VALUE);
      }
    }

    synchronized void add(int user, int playlist, int time) {
      Table t = table;
      int slot = find(t, user);
      if (t.users[2 * slot] == user) {
        t.users[2 * slot + 1] = Math.max(t.users[2 * slot + 1], time);
        int[] next = appended(t.lists[slot], playlist);
        if (next != null) {
          LISTS.setRelease(t.lists, slot, next);
        }
        return;
      }
      if (size >= maxUsers) {
        // Full: keep the half who liked most recently (and none older than the window).
        t = rebuilt(t, time - windowSeconds, Math.max(1, maxUsers / 2));
        table = t;
      }
      if ((size + 1) * 2 > t.capacity()) {
        t = copied(t, t.capacity() * 2);
        table = t;
      }
      slot = find(t, user);
      t.users[2 * slot + 1] = time;
      LISTS.setRelease(t.lists, slot, new int[] {playlist});
      INTS.setRelease(t.users, 2 * slot, user);
      size++;
      oldest = Math.min(oldest, time);
    }

    /** The user's slot in {@code t}, or the empty slot where the user would go. */
    private static int find(Table t, int user) {
      int mask = t.capacity() - 1;
      int slot = (IntHash.mix(user) >>> 6) & mask;
      while (t.users[2 * slot] != 0 && t.users[2 * slot] != user) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    /**
     * {@code list} with {@code playlist} last (the oldest dropped at the cap), or null if in it.
     */
    private int[] appended(int[] list, int playlist) {
      for (int p : list) {
        if (p == playlist) {
          return null;
        }
      }
      if (list.length < maxPerUser) {
        int[] next = Arrays.copyOf(list, list.length + 1);
        next[list.length] = playlist;
        return next;
      }
      int[] next = new int[maxPerUser];
      System.arraycopy(list, list.length - maxPerUser + 1, next, 0, maxPerUser - 1);
      next[maxPerUser - 1] = playlist;
      return next;
    }

    /**
     * A new table with the users whose last like is at or after {@code notBefore}, at most {@code
     * keep} of them (the most recent; ties broken by table order).
     */
    private Table rebuilt(Table old, int notBefore, int keep) {
      int[] times = new int[size];
      int n = 0;
      for (int slot = 0; slot < old.capacity(); slot++) {
        if (old.users[2 * slot] != 0 && old.users[2 * slot + 1] >= notBefore) {
          times[n++] = old.users[2 * slot + 1];
        }
      }
      int threshold = notBefore;
      int ties = Integer.MAX_VALUE; // how many users at exactly the threshold may stay
      if (n > keep) {
        Arrays.sort(times, 0, n);
        threshold = times[n - keep];
        int above = 0;
        for (int i = n - keep; i < n; i++) {
          if (times[i] > threshold) {
            above++;
          }
        }
        ties = keep - above;
      }
      int kept = Math.min(n, keep);
      Table t = new Table(capacityFor(kept + 1));
      size = 0;
      oldest = Integer.MAX_VALUE;
      for (int slot = 0; slot < old.capacity(); slot++) {
        int user = old.users[2 * slot];
        int time = old.users[2 * slot + 1];
        if (user == 0 || time < threshold || (time == threshold && ties-- <= 0)) {
          continue;
        }
        put(t, user, time, old.lists[slot]);
        oldest = Math.min(oldest, time);
      }
      return t;
    }

    private Table copied(Table old, int capacity) {
      Table t = new Table(capacity);
      for (int slot = 0; slot < old.capacity(); slot++) {
        if (old.users[2 * slot] != 0) {
          int s = find(t, old.users[2 * slot]);
          t.users[2 * s] = old.users[2 * slot];
          t.users[2 * s + 1] = old.users[2 * slot + 1];
          t.lists[s] = old.lists[slot];
        }
      }
      return t;
    }

    private void put(Table t, int user, int time, int[] list) {
      int s = find(t, user);
      t.users[2 * s] = user;
      t.users[2 * s + 1] = time;
      t.lists[s] = list;
      size++;
    }

    private static int capacityFor(int users) {
      return Math.max(16, Integer.highestOneBit(Math.max(1, users * 2 - 1)) << 1);
    }

    /** Heap bytes with compressed references: array headers 16, lists padded to 8. */
    long bytes() {
      Table t = table;
      long bytes = 16 + 4L * t.users.length + 16 + 4L * t.lists.length;
      for (int[] list : t.lists) {
        if (list != null) {
          bytes += (16 + 4L * list.length + 7) & ~7L;
        }
      }
      return bytes;
    }
  }
}
