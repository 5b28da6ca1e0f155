package io.playloop.serving.model;

import java.util.Arrays;

/**
 * An immutable map from a positive int key to a list of ints, as primitive arrays: an {@link
 * IntIndex} to a row, offsets into one int[] of values. Used for a model's per-user lists and the
 * catalog's playlists per owner.
 */
public final class IntListMap {
  private static final int[] NONE = new int[0];
  private final IntIndex index;
  private final int[] offsets;
  private final int[] values;
  private final int size;

  private IntListMap(IntIndex index, int[] offsets, int[] values, int size) {
    this.index = index;
    this.offsets = offsets;
    this.values = values;
    this.size = size;
  }

  public static IntListMap empty() {
    return new Builder().build();
  }

  /** Number of keys. */
  public int size() {
    return size;
  }

  /** The row of {@code key}, or -1. */
  public int row(int key) {
    return index.get(key);
  }

  public int start(int row) {
    return offsets[row];
  }

  public int end(int row) {
    return offsets[row + 1];
  }

  /** The shared value array; read it between {@link #start} and {@link #end}. */
  public int[] values() {
    return values;
  }

  /** Whether {@code key}'s list contains {@code value}. */
  public boolean contains(int key, int value) {
    int row = index.get(key);
    if (row < 0) {
      return false;
    }
    for (int i = offsets[row], end = offsets[row + 1]; i < end; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** A copy of {@code key}'s list (tests and the page; not for the hot path). */
  public int[] get(int key) {
    int row = index.get(key);
    return row < 0 ? NONE : Arrays.copyOfRange(values, offsets[row], offsets[row + 1]);
  }

  /** Approximate heap bytes. */
  public long bytes() {
    return index.bytes() + 4L * offsets.length + 4L * values.length + 64;
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
      IntIndex index = new IntIndex(keys, size);
      keys = null;
      values = null;
      return new IntListMap(index, o, v, size);
    }
  }
}
