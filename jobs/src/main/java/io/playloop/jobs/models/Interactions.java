package io.playloop.jobs.models;

/** Implicit-feedback interactions in parallel arrays: user, item, weight, time (epoch seconds). */
public record Interactions(int[] users, int[] items, float[] weights, long[] times) {
  public Interactions {
    if (users.length != items.length
        || users.length != weights.length
        || users.length != times.length) {
      throw new IllegalArgumentException("interaction columns differ in length");
    }
  }

  public int size() {
    return users.length;
  }

  /** The users' items, each pair once. */
  public UserHistory history() {
    return UserHistory.of(users, items);
  }
}
