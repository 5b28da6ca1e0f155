package io.playloop.jobs.models.linalg;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sparse float matrix in compressed sparse row form: row r's entries are {@code
 * indices/values[starts[r] .. starts[r+1])}. Memory is 8 bytes per non-zero plus 4 per row.
 */
public final class CsrMatrix implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int rows;
  private final int cols;
  private final int[] starts;
  private final int[] indices;
  private final float[] values;

  public CsrMatrix(int rows, int cols, int[] starts, int[] indices, float[] values) {
    if (starts.length != rows + 1
        || starts[0] != 0
        || starts[rows] != indices.length
        || indices.length != values.length) {
      throw new IllegalArgumentException("inconsistent sparse matrix of " + rows + " rows");
    }
    for (int r = 0; r < rows; r++) {
      if (starts[r + 1] < starts[r]) {
        throw new IllegalArgumentException("row starts must not decrease (row " + r + ")");
      }
    }
    for (int c : indices) {
      if (c < 0 || c >= cols) {
        throw new IllegalArgumentException("column " + c + " outside 0.." + (cols - 1));
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.starts = starts;
    this.indices = indices;
    this.values = values;
  }

  /** A 0/1 matrix with a one at (r, c) for every c in {@code rowColumns[r]}. */
  public static CsrMatrix binary(int cols, int[][] rowColumns) {
    int[] starts = new int[rowColumns.length + 1];
    for (int r = 0; r < rowColumns.length; r++) {
      starts[r + 1] = starts[r] + rowColumns[r].length;
    }
    int[] indices = new int[starts[rowColumns.length]];
    for (int r = 0; r < rowColumns.length; r++) {
      System.arraycopy(rowColumns[r], 0, indices, starts[r], rowColumns[r].length);
    }
    float[] values = new float[indices.length];
    Arrays.fill(values, 1f);
    return new CsrMatrix(rowColumns.length, cols, starts, indices, values);
  }

  /** Rows of (columns, values) pairs, e.g. each row's top-k; each pair of arrays of one length. */
  public static CsrMatrix ofRows(int cols, int[][] rowColumns, float[][] rowValues) {
    int n = rowColumns.length;
    int[] starts = new int[n + 1];
    for (int r = 0; r < n; r++) {
      starts[r + 1] = starts[r] + rowColumns[r].length;
    }
    int[] indices = new int[starts[n]];
    float[] values = new float[starts[n]];
    for (int r = 0; r < n; r++) {
      System.arraycopy(rowColumns[r], 0, indices, starts[r], rowColumns[r].length);
      System.arraycopy(rowValues[r], 0, values, starts[r], rowValues[r].length);
    }
    return new CsrMatrix(n, cols, starts, indices, values);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int nonZeros() {
    return indices.length;
  }

  /** First entry of row {@code r}. */
  public int start(int r) {
    return starts[r];
  }

  /** One past the last entry of row {@code r}. */
  public int end(int r) {
    return starts[r + 1];
  }

  /** Column of entry {@code p}. */
  public int index(int p) {
    return indices[p];
  }

  /** Value of entry {@code p}. */
  public float value(int p) {
    return values[p];
  }

  /** Row {@code r}'s columns, a copy. */
  public int[] rowIndices(int r) {
    return Arrays.copyOfRange(indices, starts[r], starts[r + 1]);
  }

  /** Row {@code r}'s values, a copy. */
  public float[] rowValues(int r) {
    return Arrays.copyOfRange(values, starts[r], starts[r + 1]);
  }

  /** The transpose, in O(non-zeros + cols); each row's columns come out ascending. */
  public CsrMatrix transpose() {
    int[] tStarts = new int[cols + 1];
    for (int c : indices) {
      tStarts[c + 1]++;
    }
    for (int c = 0; c < cols; c++) {
      tStarts[c + 1] += tStarts[c];
    }
    int[] next = Arrays.copyOf(tStarts, cols);
    int[] tIndices = new int[indices.length];
    float[] tValues = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int p = starts[r]; p < starts[r + 1]; p++) {
        int at = next[indices[p]]++;
        tIndices[at] = r;
        tValues[at] = values[p];
      }
    }
    return new CsrMatrix(cols, rows, tStarts, tIndices, tValues);
  }

  /** Sum of each row's values. */
  public double[] rowSums() {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      for (int p = starts[r]; p < starts[r + 1]; p++) {
        out[r] += values[p];
      }
    }
    return out;
  }

  /** Sum of each column's values. */
  public double[] columnSums() {
    double[] out = new double[cols];
    for (int p = 0; p < indices.length; p++) {
      out[indices[p]] += values[p];
    }
    return out;
  }

  /** Entry (r, c) times {@code rowScale[r] * colScale[c]}; a null scale is all ones. */
  public CsrMatrix scaled(double[] rowScale, double[] colScale) {
    float[] out = new float[values.length];
    for (int r = 0; r < rows; r++) {
      double s = rowScale == null ? 1 : rowScale[r];
      for (int p = starts[r]; p < starts[r + 1]; p++) {
        out[p] = (float) (values[p] * s * (colScale == null ? 1 : colScale[indices[p]]));
      }
    }
    return new CsrMatrix(rows, cols, starts, indices, out);
  }

  /** Every value raised to {@code exponent}. */
  public CsrMatrix power(double exponent) {
    float[] out = new float[values.length];
    for (int p = 0; p < values.length; p++) {
      out[p] = (float) Math.pow(values[p], exponent);
    }
    return new CsrMatrix(rows, cols, starts, indices, out);
  }

  /** Each row divided by the sum of its absolute values (rows summing to zero stay as they are). */
  public CsrMatrix rowsL1Normalised() {
    double[] scale = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int p = starts[r]; p < starts[r + 1]; p++) {
        s += Math.abs(values[p]);
      }
      scale[r] = s > 0 ? 1 / s : 1;
    }
    return scaled(scale, null);
  }

  /** {@code dense += scale * row r}, dense indexed by column. */
  public void addRowTo(int r, float scale, float[] dense) {
    addRowTo(r, scale, dense, 0);
  }

  /** {@code dense[offset + column] += scale * row r}: into one row of a row-major block. */
  public void addRowTo(int r, float scale, float[] dense, int offset) {
    for (int p = starts[r]; p < starts[r + 1]; p++) {
      dense[offset + indices[p]] += scale * values[p];
    }
  }

  /**
   * This matrix times a dense row-major {@code cols x width} matrix: a row-major {@code rows x
   * width} one, rows computed in parallel. O(non-zeros x width) time.
   */
  public double[] timesDense(double[] dense, int width) {
    if (dense.length != (long) cols * width) {
      throw new IllegalArgumentException("dense matrix is not " + cols + " x " + width);
    }
    double[] out = new double[rows * width];
    java.util.stream.IntStream.range(0, rows)
        .parallel()
        .forEach(
            r -> {
              int base = r * width;
              for (int p = starts[r]; p < starts[r + 1]; p++) {
                double v = values[p];
                int from = indices[p] * width;
                for (int k = 0; k < width; k++) {
                  out[base + k] += v * dense[from + k];
                }
              }
            });
    return out;
  }
}
