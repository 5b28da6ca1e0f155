package io.playloop.serving.impressions;

import java.util.Arrays;

/**
 * Collects what one recommend request served into one {@link Impression}, in primitive arrays; a
 * user id repeated in the request is logged once (impressions has one row per request and user).
 */
public final class ImpressionBuilder {
  private final String requestId;
  private final boolean[] repeated;
  private final int[] users;
  private final String[] versions;
  private final int[] offsets;
  private final int[] playlists;
  private final byte[] explored;
  private final float[] propensities;
  private int logged;

  /** {@code explores}: whether any user of the request has explored positions. */
  public ImpressionBuilder(String requestId, int[] requestUsers, int perUser, boolean explores) {
    this.requestId = requestId;
    this.repeated = repeatedUsers(requestUsers);
    int distinct = requestUsers.length;
    for (boolean r : repeated) {
      distinct -= r ? 1 : 0;
    }
    users = new int[distinct];
    versions = new String[distinct];
    offsets = new int[distinct + 1];
    playlists = new int[distinct * perUser];
    explored = explores ? new byte[distinct] : null;
    propensities = explores ? new float[distinct * perUser] : null;
  }

  /**
   * Records the answer to the request's {@code index}-th user: {@code served[from..from+n)}, of
   * which {@code exploredCount} were explored: the positions whose propensity at the same index of
   * {@code servedPropensities} is positive (0 at the others).
   */
  public void add(
      int index,
      int user,
      String version,
      int[] served,
      int from,
      int n,
      int exploredCount,
      float[] servedPropensities) {
    if (repeated[index]) {
      return;
    }
    users[logged] = user;
    versions[logged] = version;
    System.arraycopy(served, from, playlists, offsets[logged], n);
    if (exploredCount > 0) {
      explored[logged] = (byte) exploredCount;
      System.arraycopy(servedPropensities, from, propensities, offsets[logged], n);
    }
    offsets[logged + 1] = offsets[logged] + n;
    logged++;
  }

  public Impression build() {
    return new Impression(requestId, users, versions, offsets, playlists, explored, propensities);
  }

  /** Marks each user id that already occurred earlier in the request. */
  static boolean[] repeatedUsers(int[] users) {
    boolean[] repeated = new boolean[users.length];
    if (users.length <= 16) {
      for (int i = 1; i < users.length; i++) {
        for (int j = 0; j < i && !repeated[i]; j++) {
          repeated[i] = users[j] == users[i];
        }
      }
      return repeated;
    }
    // Sort (value, position) pairs packed in longs; later positions of equal values repeat.
    long[] keyed = new long[users.length];
    for (int i = 0; i < users.length; i++) {
      keyed[i] = ((long) users[i] << 32) | i;
    }
    Arrays.sort(keyed);
    for (int i = 1; i < keyed.length; i++) {
      if ((keyed[i] >>> 32) == (keyed[i - 1] >>> 32)) {
        repeated[(int) keyed[i]] = true;
      }
    }
    return repeated;
  }
}
