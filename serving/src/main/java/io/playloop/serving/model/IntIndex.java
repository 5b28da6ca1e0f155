package io.playloop.serving.model;

/**
 * An immutable open-addressing map from a positive int key to its position (0..n-1): the user
 * lookup of a snapshot without boxing. Keys must be positive and distinct.
 */
public final class IntIndex {
  // Key and position side by side: one cache miss per lookup instead of two.
  private final int[] slots;
  private final int mask;

  /** Indexes {@code keys[0..n)}: key {@code keys[i]} maps to {@code i}. */
  public IntIndex(int[] keys, int n) {
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    this.slots = new int[capacity * 2];
    this.mask = capacity - 1;
    for (int i = 0; i < n; i++) {
      int key = keys[i];
      if (key <= 0) {
        throw new IllegalArgumentException("keys must be positive, got " + key);
      }
      int slot = mix(key) & mask;
      while (slots[2 * slot] != 0) {
        if (slots[2 * slot] == key) {
          throw new IllegalArgumentException("duplicate key " + key);
        }
        slot = (slot + 1) & mask;
      }
      slots[2 * slot] = key;
      slots[2 * slot + 1] = i;
    }
  }

  /** The position of {@code key}, or -1. */
  public int get(int key) {
    int slot = mix(key) & mask;
    while (true) {
      int k = slots[2 * slot];
      if (k == key) {
        return slots[2 * slot + 1];
      }
      if (k == 0) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Approximate heap bytes. */
  public long bytes() {
    return 4L * slots.length + 32;
  }

  /** Murmur3's finalizer: spreads sequential ids over the table. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
