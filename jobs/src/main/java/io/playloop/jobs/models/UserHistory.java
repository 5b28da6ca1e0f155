package io.playloop.jobs.models;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Each user's items (train positives) on the driver: what models build on and what is excluded. */
public final class UserHistory implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int[] NONE = new int[0];
  private final Map<Integer, int[]> items;

  public UserHistory(Map<Integer, int[]> items) {
    this.items = items;
  }

  /** From parallel arrays of (user, item) pairs; duplicates are kept once. */
  public static UserHistory of(int[] users, int[] itemIds) {
    Map<Integer, java.util.LinkedHashSet<Integer>> sets = new HashMap<>();
    for (int i = 0; i < users.length; i++) {
      sets.computeIfAbsent(users[i], u -> new java.util.LinkedHashSet<>()).add(itemIds[i]);
    }
    Map<Integer, int[]> out = new HashMap<>(sets.size() * 2);
    sets.forEach((u, s) -> out.put(u, s.stream().mapToInt(Integer::intValue).toArray()));
    return new UserHistory(out);
  }

  public int[] items(int user) {
    return items.getOrDefault(user, NONE);
  }

  public Set<Integer> users() {
    return Collections.unmodifiableSet(items.keySet());
  }

  public int userCount() {
    return items.size();
  }

  public long interactionCount() {
    return items.values().stream().mapToLong(a -> a.length).sum();
  }
}
