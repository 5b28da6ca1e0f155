package io.playloop.serving.model;

import java.util.Arrays;

/**
 * An immutable map from a positive int key to a list of ints, as primitive arrays: an
 * open-addressing table whose slot holds the key and where its list starts and ends in one int[] of
 * values. Used for a model's per-user lists and the catalog's playlists per owner.
 */
public final class IntListMap {
  private static final int[] NONE = new int[0];
  // Per slot: key, start, end, padding. 16 bytes never straddle a cache line, so a lookup costs one
  // cache miss for the slot and one for the list (a row index and an offsets array cost two more).
  private static final int SLOT = 4;
  private final int[] slots;
  private final int mask;
  private final int[] values;
  private final int size;

  private IntListMap(int[] keys, int[] offsets, int[] values, int size) {
    int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1;
    this.slots = new int[capacity * SLOT];
    this.mask = capacity - 1;
    this.values = values;
    this.size = size;
    for (int i = 0; i < size; i++) {
      int key = keys[i];
      if (key <= 0) {
        throw new IllegalArgumentException("keys must be positive, got " + key);
      }
      int slot = IntHash.mix(key) & mask;
      while (slots[SLOT * slot] != 0) {
        if (slots[SLOT * slot] == key) {
          throw new IllegalArgumentException("duplicate key " + key);
        }
        slot = (slot + 1) & mask;
      }
      slots[SLOT * slot] = key;
      slots[SLOT * slot + 1] = offsets[i];
      slots[SLOT * slot + 2] = offsets[i + 1];
    }
  }

  public static IntListMap empty() {
    return new Builder().build();
  }

  /** Number of keys. */
  public int size() {
    return size;
  }

  /** The slot of {@code key} (for {@link #start} and {@link #end}), or -1. */
  public int slot(int key) {
    int slot = IntHash.mix(key) & mask;
    while (true) {
      int k = slots[SLOT * slot];
      if (k == key) {
        return slot;
      }
      if (k == 0) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Number of slots (more than keys): slot indexes run from 0 to this, exclusive. */
  public int capacity() {
    return mask + 1;
  }

  /** Whether {@code slot} holds a key. */
  public boolean occupied(int slot) {
    return slots[SLOT * slot] != 0;
  }

  public int start(int slot) {
    return slots[SLOT * slot + 1];
  }

  public int end(int slot) {
    return slots[SLOT * slot + 2];
  }

  /** The shared value array; read it between {@link #start} and {@link #end}. */
  public int[] values() {
    return values;
  }

  /** Whether {@code key}'s list contains {@code value}. */
  public boolean contains(int key, int value) {
    int slot = slot(key);
    return slot >= 0 && containsAt(slot, value);
  }

  /** Whether the list in {@code slot} (from {@link #slot}) contains {@code value}. */
  public boolean containsAt(int slot, int value) {
    for (int i = start(slot), end = end(slot); i < end; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** A copy of {@code key}'s list (tests and the page; not for the hot path). */
  public int[] get(int key) {
    int slot = slot(key);
    return slot < 0 ? NONE : Arrays.copyOfRange(values, start(slot), end(slot));
  }

  /** Approximate heap bytes. */
  public long bytes() {
    return 4L * slots.length + 4L * values.length + 64;
  }

  /** Collects rows: each key once, its values appended right after {@link #startKey}. */
  public static final class Builder {
    private int[] keys;
    private int[] offsets;
    private int[] values;
    private int size;
    private int valueCount;

    public Builder() {
      this(1024, 4096);
    }

    /** Pre-sized, so a large load does not grow and copy its arrays. */
    public Builder(int expectedKeys, int expectedValues) {
      keys = new int[Math.max(16, expectedKeys)];
      offsets = new int[keys.length + 1];
      values = new int[Math.max(16, expectedValues)];
    }

    /** Starts the list of {@code key}; values added next belong to it. */
    public Builder startKey(int key) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size + (size >> 1));
        offsets = Arrays.copyOf(offsets, keys.length + 1);
      }
      keys[size] = key;
      offsets[size] = valueCount;
      size++;
      offsets[size] = valueCount;
      return this;
    }

    public Builder add(int value) {
      if (valueCount == values.length) {
        values = Arrays.copyOf(values, valueCount + (valueCount >> 1));
      }
      values[valueCount++] = value;
      offsets[size] = valueCount;
      return this;
    }

    /** Whether the most recent key is {@code key} (for input sorted by key). */
    public boolean lastKeyIs(int key) {
      return size > 0 && keys[size - 1] == key;
    }

    public int size() {
      return size;
    }

    public IntListMap build() {
      int[] v = valueCount == values.length ? values : Arrays.copyOf(values, valueCount);
      int[] o = size + 1 == offsets.length ? offsets : Arrays.copyOf(offsets, size + 1);
      IntListMap map = new IntListMap(keys, o, v, size);
      keys = null;
      values = null;
      return map;
    }
  }
}
