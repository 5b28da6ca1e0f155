package io.playloop.jobs.importer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Samples negatives for a user from the items that user never touched, uniformly and without
 * repeats, seeded by (seed, user, purpose) so that a rerun draws the same negatives.
 */
public final class UntouchedNegatives implements Serializable {
  private final int[] items;
  private final long seed;

  /** {@code items}: every item of the catalog, distinct. */
  public UntouchedNegatives(int[] items, long seed) {
    this.items = items;
    this.seed = seed;
  }

  /**
   * For each of {@code count} positives, {@code k} distinct untouched items; null when the user
   * touched so much that fewer than {@code k} are left.
   */
  public List<int[]> sample(int user, Set<Integer> touched, int count, int k, int purpose) {
    int untouched = items.length - touched.size();
    if (untouched < k) {
      return null;
    }
    SplittableRandom random = new SplittableRandom(mix(seed, user, purpose));
    int[] complement = untouched < 4 * k ? complement(touched) : null;
    List<int[]> out = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      out.add(complement != null ? pick(complement, k, random) : reject(touched, k, random));
    }
    return out;
  }

  /** Few untouched items: a partial shuffle of them. */
  private static int[] pick(int[] pool, int k, SplittableRandom random) {
    int[] copy = pool.clone();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(copy.length - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return java.util.Arrays.copyOf(copy, k);
  }

  /** Many untouched items: draw from the catalog until k untouched distinct ones came up. */
  private int[] reject(Set<Integer> touched, int k, SplittableRandom random) {
    Set<Integer> chosen = new HashSet<>();
    int[] out = new int[k];
    int n = 0;
    while (n < k) {
      int candidate = items[random.nextInt(items.length)];
      if (!touched.contains(candidate) && chosen.add(candidate)) {
        out[n++] = candidate;
      }
    }
    return out;
  }

  private int[] complement(Set<Integer> touched) {
    return java.util.Arrays.stream(items).filter(i -> !touched.contains(i)).toArray();
  }

  private static long mix(long seed, int user, int purpose) {
    long h = seed * 0x9E3779B97F4A7C15L + user;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + purpose;
    return h ^ (h >>> 29);
  }
}
