package io.playloop.jobs.models.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.playloop.jobs.lake.Lake;
import io.playloop.jobs.models.IdVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One model's folder in the lake (models/<model_version>, or a blend component's folder inside it):
 * its Delta tables by name and its JSON files.
 */
public final class ModelDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The schema of a table of vectors per id (factors, weight rows). */
  public static final StructType VECTORS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private final Lake lake;
  private final String path;

  /** The folder at {@code path}, relative to the lake's root. */
  public ModelDirectory(Lake lake, String path) {
    this.lake = lake;
    this.path = path;
  }

  /** The lake-relative path of this folder. */
  public String path() {
    return path;
  }

  /** A folder inside this one (e.g. components/0). */
  public ModelDirectory child(String name) {
    return new ModelDirectory(lake, path + "/" + name);
  }

  public SparkSession spark() {
    return lake.spark();
  }

  /** Replaces the Delta table {@code name} with {@code rows}. */
  public void write(String name, Dataset<Row> rows) {
    lake.overwrite(path + "/" + name, rows);
  }

  /** Replaces the Delta table {@code name} with driver-side {@code rows} of {@code schema}. */
  public void write(String name, List<Row> rows, StructType schema) {
    write(name, lake.spark().createDataFrame(rows, schema));
  }

  /** The Delta table {@code name}. */
  public Dataset<Row> read(String name) {
    return lake.read(path + "/" + name);
  }

  /** Writes {@code vectors} as the table {@code name} (id, features), one row per id. */
  public void writeVectors(String name, IdVectors vectors) {
    int width = vectors.width();
    List<Row> rows = new ArrayList<>(vectors.index().size());
    for (int i = 0; i < vectors.index().size(); i++) {
      Float[] f = new Float[width];
      for (int k = 0; k < width; k++) {
        f[k] = vectors.values()[i * width + k];
      }
      rows.add(RowFactory.create(vectors.index().id(i), f));
    }
    write(name, rows, VECTORS);
  }

  /** Reads the table {@code name} written by {@link #writeVectors}, of vectors of {@code width}. */
  public IdVectors readVectors(String name, int width) {
    return IdVectors.collect(read(name), width);
  }

  /** Writes {@code value} as the JSON file {@code name}, replacing it. */
  public void writeJson(String name, Map<String, Object> value) throws IOException {
    Path p = hadoopPath(name);
    FileSystem fs = p.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(p, true)) {
      out.write(
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(value)
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The JSON object in file {@code name}; a missing file is a FileNotFoundException. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> readJson(String name) throws IOException {
    Path p = hadoopPath(name);
    FileSystem fs = p.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
    try (InputStream in = fs.open(p)) {
      return JSON.readValue(in, Map.class);
    }
  }

  private Path hadoopPath(String name) {
    return new Path(lake.uri(path + "/" + name));
  }
}
