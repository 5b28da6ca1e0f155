package io.playloop.jobs.models;

import io.playloop.jobs.models.linalg.DenseProduct;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One float vector of {@code width} per id, row-major in one array: ALS's user or item factors,
 * EASE's item weight rows. {@code values[index.index(id) * width + k]} is the id's k-th entry.
 */
public record IdVectors(IdIndex index, float[] values, int width) implements Serializable {
  public IdVectors {
    if (width < 0 || values.length != (long) index.size() * width) {
      throw new IllegalArgumentException(
          index.size()
              + " vectors of width "
              + width
              + " need that many values, not "
              + values.length);
    }
  }

  /** The vector of {@code id} as a copy, or null when the id is unknown. */
  public float[] vector(int id) {
    int i = index.index(id);
    return i < 0 ? null : java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width);
  }

  /**
   * The dot product of {@code query} (width floats, or null for all zeros) with the vector of each
   * of {@code ids}; an unknown id gets negative infinity, below every known one.
   */
  public float[] dots(float[] query, int[] ids) {
    float[] out = new float[ids.length];
    for (int k = 0; k < ids.length; k++) {
      int i = index.index(ids[k]);
      if (i < 0) {
        out[k] = Float.NEGATIVE_INFINITY;
      } else if (query != null) {
        float s = 0;
        int base = i * width;
        for (int f = 0; f < width; f++) {
          s += query[f] * values[base + f];
        }
        out[k] = s;
      }
    }
    return out;
  }

  /**
   * The vectors of {@code ids} row-major in one array (ids.length x width); an unknown id gets
   * {@code missing} (width floats), or zeros when that is null.
   */
  public float[] gather(int[] ids, float[] missing) {
    float[] out = new float[ids.length * width];
    for (int k = 0; k < ids.length; k++) {
      int i = index.index(ids[k]);
      if (i >= 0) {
        System.arraycopy(values, i * width, out, k * width, width);
      } else if (missing != null) {
        System.arraycopy(missing, 0, out, k * width, width);
      }
    }
    return out;
  }

  /**
   * The dot product of each of {@code count} row-major queries (count x width) with every vector:
   * row-major count x size into {@code out}, the columns in index (ascending id) order. One matrix
   * product instead of count x size id look-ups and short loops.
   */
  public void dotsWithAll(float[] queries, int count, DenseProduct product, float[] out) {
    product.timesTransposed(queries, count, width, values, index.size(), out);
  }

  /** Collects rows (id int, features array of float) of vectors of {@code width} to the driver. */
  public static IdVectors collect(Dataset<Row> rows, int width) {
    List<Row> all = rows.select("id", "features").collectAsList();
    IdIndex index = new IdIndex(all.stream().mapToInt(r -> r.getInt(0)).toArray());
    float[] values = new float[index.size() * width];
    for (Row r : all) {
      int at = index.index(r.getInt(0)) * width;
      List<Object> f = r.getList(1);
      for (int k = 0; k < width; k++) {
        values[at + k] = ((Number) f.get(k)).floatValue();
      }
    }
    return new IdVectors(index, values, width);
  }
}
