package io.playloop.jobs.generate;

import java.io.Serializable;
import java.util.Arrays;

/** Compressed rows of ints (row i is values[offsets[i] .. offsets[i+1])): compact to broadcast. */
final class Csr implements Serializable {
  private final int[] offsets;
  private final int[] values;

  private Csr(int[] offsets, int[] values) {
    this.offsets = offsets;
    this.values = values;
  }

  /** Rows given as arrays; a null row is empty. */
  static Csr of(int[][] rows) {
    int[] offsets = new int[rows.length + 1];
    for (int i = 0; i < rows.length; i++) {
      offsets[i + 1] = offsets[i] + (rows[i] == null ? 0 : rows[i].length);
    }
    int[] values = new int[offsets[rows.length]];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] != null) {
        System.arraycopy(rows[i], 0, values, offsets[i], rows[i].length);
      }
    }
    return new Csr(offsets, values);
  }

  int rows() {
    return offsets.length - 1;
  }

  int size(int row) {
    return offsets[row + 1] - offsets[row];
  }

  int start(int row) {
    return offsets[row];
  }

  /** The flat values array; row r lives at [start(r), start(r) + size(r)). */
  int[] values() {
    return values;
  }

  int[] row(int row) {
    return Arrays.copyOfRange(values, offsets[row], offsets[row + 1]);
  }

  long totalValues() {
    return values.length;
  }

  /**
   * The inverted index (column -> rows holding it) keeping at most {@code maxPerColumn} rows per
   * column, a uniform sample chosen by a seeded hash of (row, column): a popular song keeps a
   * sample of its playlists instead of all of them.
   */
  Csr invertSampled(int columns, int maxPerColumn, long seed) {
    int[] counts = new int[columns + 1];
    for (int v : values) {
      counts[v + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      counts[c + 1] += counts[c];
    }
    int[] full = new int[values.length];
    int[] cursor = Arrays.copyOf(counts, columns);
    for (int r = 0; r < rows(); r++) {
      for (int i = offsets[r]; i < offsets[r + 1]; i++) {
        full[cursor[values[i]]++] = r;
      }
    }
    int[] outOffsets = new int[columns + 1];
    for (int c = 0; c < columns; c++) {
      outOffsets[c + 1] = outOffsets[c] + Math.min(maxPerColumn, counts[c + 1] - counts[c]);
    }
    int[] out = new int[outOffsets[columns]];
    long salt = Rng.mix(seed ^ Rng.POSTINGS);
    for (int c = 0; c < columns; c++) {
      int from = counts[c];
      int n = counts[c + 1] - from;
      if (n <= maxPerColumn) {
        System.arraycopy(full, from, out, outOffsets[c], n);
        continue;
      }
      // Keep the rows with the smallest hash priority: high 32 bits priority, low 32 bits row.
      long[] keyed = new long[n];
      for (int i = 0; i < n; i++) {
        int row = full[from + i];
        long priority = Rng.mix(salt + ((long) c << 32) + row) >>> 32;
        keyed[i] = (priority << 32) | row;
      }
      Arrays.sort(keyed);
      for (int i = 0; i < maxPerColumn; i++) {
        out[outOffsets[c] + i] = (int) keyed[i];
      }
    }
    return new Csr(outOffsets, out);
  }
}
